from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EvidenceRequestIn")


@_attrs_define
class EvidenceRequestIn:
    """
    Attributes:
        description (str):
        from_organisation (str):
        request_id (str):
        requested_on (datetime.date):
    """

    description: str
    from_organisation: str
    request_id: str
    requested_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        from_organisation = self.from_organisation

        request_id = self.request_id

        requested_on = self.requested_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "from_organisation": from_organisation,
                "request_id": request_id,
                "requested_on": requested_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        from_organisation = d.pop("from_organisation")

        request_id = d.pop("request_id")

        requested_on = datetime.date.fromisoformat(d.pop("requested_on"))

        evidence_request_in = cls(
            description=description,
            from_organisation=from_organisation,
            request_id=request_id,
            requested_on=requested_on,
        )

        return evidence_request_in
