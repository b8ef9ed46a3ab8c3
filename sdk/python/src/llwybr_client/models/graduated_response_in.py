from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.provision_level import ProvisionLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.termly_review import TermlyReview


T = TypeVar("T", bound="GraduatedResponseIn")


@_attrs_define
class GraduatedResponseIn:
    """
    Attributes:
        description (str):
        level (ProvisionLevel):
        recorded_by (str):
        recorded_on (datetime.date):
        small_steps_targets (list[str] | Unset):
        termly_reviews (list[TermlyReview] | Unset):
    """

    description: str
    level: ProvisionLevel
    recorded_by: str
    recorded_on: datetime.date
    small_steps_targets: list[str] | Unset = UNSET
    termly_reviews: list[TermlyReview] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        level = self.level.value

        recorded_by = self.recorded_by

        recorded_on = self.recorded_on.isoformat()

        small_steps_targets: list[str] | Unset = UNSET
        if not isinstance(self.small_steps_targets, Unset):
            small_steps_targets = self.small_steps_targets

        termly_reviews: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.termly_reviews, Unset):
            termly_reviews = []
            for termly_reviews_item_data in self.termly_reviews:
                termly_reviews_item = termly_reviews_item_data.to_dict()
                termly_reviews.append(termly_reviews_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "level": level,
                "recorded_by": recorded_by,
                "recorded_on": recorded_on,
            }
        )
        if small_steps_targets is not UNSET:
            field_dict["small_steps_targets"] = small_steps_targets
        if termly_reviews is not UNSET:
            field_dict["termly_reviews"] = termly_reviews

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.termly_review import TermlyReview  # noqa: PLC0415

        d = dict(src_dict)
        description = d.pop("description")

        level = ProvisionLevel(d.pop("level"))

        recorded_by = d.pop("recorded_by")

        recorded_on = datetime.date.fromisoformat(d.pop("recorded_on"))

        small_steps_targets = cast(list[str], d.pop("small_steps_targets", UNSET))

        _termly_reviews = d.pop("termly_reviews", UNSET)
        termly_reviews: list[TermlyReview] | Unset = UNSET
        if _termly_reviews is not UNSET:
            termly_reviews = []
            for termly_reviews_item_data in _termly_reviews:
                termly_reviews_item = TermlyReview.from_dict(termly_reviews_item_data)

                termly_reviews.append(termly_reviews_item)

        graduated_response_in = cls(
            description=description,
            level=level,
            recorded_by=recorded_by,
            recorded_on=recorded_on,
            small_steps_targets=small_steps_targets,
            termly_reviews=termly_reviews,
        )

        return graduated_response_in
