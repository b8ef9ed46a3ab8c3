from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.review_requester import ReviewRequester

T = TypeVar("T", bound="ReviewRequestIn")


@_attrs_define
class ReviewRequestIn:
    """
    Attributes:
        organisation_or_person (str):
        reason (str):
        requested_by_kind (ReviewRequester): Who asked for an extra review (D16).
        requested_on (datetime.date):
    """

    organisation_or_person: str
    reason: str
    requested_by_kind: ReviewRequester
    requested_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        organisation_or_person = self.organisation_or_person

        reason = self.reason

        requested_by_kind = self.requested_by_kind.value

        requested_on = self.requested_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organisation_or_person": organisation_or_person,
                "reason": reason,
                "requested_by_kind": requested_by_kind,
                "requested_on": requested_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organisation_or_person = d.pop("organisation_or_person")

        reason = d.pop("reason")

        requested_by_kind = ReviewRequester(d.pop("requested_by_kind"))

        requested_on = datetime.date.fromisoformat(d.pop("requested_on"))

        review_request_in = cls(
            organisation_or_person=organisation_or_person,
            reason=reason,
            requested_by_kind=requested_by_kind,
            requested_on=requested_on,
        )

        return review_request_in
