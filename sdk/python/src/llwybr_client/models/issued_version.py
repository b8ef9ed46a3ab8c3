from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.issued_version_content import IssuedVersionContent
    from ..models.issued_version_review_by_type_0 import IssuedVersionReviewByType0


T = TypeVar("T", bound="IssuedVersion")


@_attrs_define
class IssuedVersion:
    """An issued version of a plan exactly as it was frozen on issue.

    Attributes:
        content (IssuedVersionContent): The plan's sections as issued (the form's)
        issued_by (str): The maintaining body that issued it
        issued_on (datetime.date):
        number (int): The version's number, from 1
        review_by (IssuedVersionReviewByType0 | None | Unset): Its review deadline as the statutory clock computed it
        revision_reason (None | str | Unset): Why it was revised (v2+)
    """

    content: IssuedVersionContent
    issued_by: str
    issued_on: datetime.date
    number: int
    review_by: IssuedVersionReviewByType0 | None | Unset = UNSET
    revision_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.issued_version_review_by_type_0 import IssuedVersionReviewByType0  # noqa: PLC0415

        content = self.content.to_dict()

        issued_by = self.issued_by

        issued_on = self.issued_on.isoformat()

        number = self.number

        review_by: dict[str, Any] | None | Unset
        if isinstance(self.review_by, Unset):
            review_by = UNSET
        elif isinstance(self.review_by, IssuedVersionReviewByType0):
            review_by = self.review_by.to_dict()
        else:
            review_by = self.review_by

        revision_reason: None | str | Unset
        if isinstance(self.revision_reason, Unset):
            revision_reason = UNSET
        else:
            revision_reason = self.revision_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "issued_by": issued_by,
                "issued_on": issued_on,
                "number": number,
            }
        )
        if review_by is not UNSET:
            field_dict["review_by"] = review_by
        if revision_reason is not UNSET:
            field_dict["revision_reason"] = revision_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.issued_version_content import IssuedVersionContent  # noqa: PLC0415
        from ..models.issued_version_review_by_type_0 import IssuedVersionReviewByType0  # noqa: PLC0415

        d = dict(src_dict)
        content = IssuedVersionContent.from_dict(d.pop("content"))

        issued_by = d.pop("issued_by")

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        number = d.pop("number")

        def _parse_review_by(data: object) -> IssuedVersionReviewByType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_by_type_0 = IssuedVersionReviewByType0.from_dict(data)

                return review_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IssuedVersionReviewByType0 | None | Unset, data)

        review_by = _parse_review_by(d.pop("review_by", UNSET))

        def _parse_revision_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        revision_reason = _parse_revision_reason(d.pop("revision_reason", UNSET))

        issued_version = cls(
            content=content,
            issued_by=issued_by,
            issued_on=issued_on,
            number=number,
            review_by=review_by,
            revision_reason=revision_reason,
        )

        issued_version.additional_properties = d
        return issued_version

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
