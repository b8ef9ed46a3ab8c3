from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_subscription_out_status import WebhookSubscriptionOutStatus

T = TypeVar("T", bound="WebhookSubscriptionOut")


@_attrs_define
class WebhookSubscriptionOut:
    """
    Attributes:
        created_at (datetime.datetime):
        created_by (str):
        description (None | str):
        disabled_reason (None | str):
        event_types (list[str]):
        id (UUID):
        organisation (str):
        previous_secret_expires_at (datetime.datetime | None): While set and in the future, requests are also signed
            with the old secret
        status (WebhookSubscriptionOutStatus):
        updated_at (datetime.datetime):
        url (str):
        version (int):
    """

    created_at: datetime.datetime
    created_by: str
    description: None | str
    disabled_reason: None | str
    event_types: list[str]
    id: UUID
    organisation: str
    previous_secret_expires_at: datetime.datetime | None
    status: WebhookSubscriptionOutStatus
    updated_at: datetime.datetime
    url: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        description: None | str
        description = self.description

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        event_types = self.event_types

        id = str(self.id)

        organisation = self.organisation

        previous_secret_expires_at: None | str
        if isinstance(self.previous_secret_expires_at, datetime.datetime):
            previous_secret_expires_at = self.previous_secret_expires_at.isoformat()
        else:
            previous_secret_expires_at = self.previous_secret_expires_at

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        url = self.url

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "description": description,
                "disabled_reason": disabled_reason,
                "event_types": event_types,
                "id": id,
                "organisation": organisation,
                "previous_secret_expires_at": previous_secret_expires_at,
                "status": status,
                "updated_at": updated_at,
                "url": url,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        event_types = cast(list[str], d.pop("event_types"))

        id = UUID(d.pop("id"))

        organisation = d.pop("organisation")

        def _parse_previous_secret_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return previous_secret_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_secret_expires_at = _parse_previous_secret_expires_at(
            d.pop("previous_secret_expires_at")
        )

        status = WebhookSubscriptionOutStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        version = d.pop("version")

        webhook_subscription_out = cls(
            created_at=created_at,
            created_by=created_by,
            description=description,
            disabled_reason=disabled_reason,
            event_types=event_types,
            id=id,
            organisation=organisation,
            previous_secret_expires_at=previous_secret_expires_at,
            status=status,
            updated_at=updated_at,
            url=url,
            version=version,
        )

        webhook_subscription_out.additional_properties = d
        return webhook_subscription_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
