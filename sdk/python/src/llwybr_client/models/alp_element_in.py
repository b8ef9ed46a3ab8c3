from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.provider_kind import ProviderKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.alp_schedule_in import AlpScheduleIn


T = TypeVar("T", bound="AlpElementIn")


@_attrs_define
class AlpElementIn:
    """
    Attributes:
        element_id (str):
        provider_kind (ProviderKind): 2B.4: the organisation providing an element of ALP.
        provider_organisation (str):
        delivered_by (str | Unset):  Default: ''.
        duration (str | Unset):  Default: ''.
        frequency (str | Unset):  Default: ''.
        in_welsh (bool | None | Unset):
        intended_outcome (str | Unset):  Default: ''.
        provision (str | Unset):  Default: ''.
        rationale (str | Unset):  Default: ''.
        review_or_end_on (datetime.date | None | Unset):
        schedule (AlpScheduleIn | None | Unset): When given, 2B.2's text is rendered from it (cy and en)
        start_on (datetime.date | None | Unset):
    """

    element_id: str
    provider_kind: ProviderKind
    provider_organisation: str
    delivered_by: str | Unset = ""
    duration: str | Unset = ""
    frequency: str | Unset = ""
    in_welsh: bool | None | Unset = UNSET
    intended_outcome: str | Unset = ""
    provision: str | Unset = ""
    rationale: str | Unset = ""
    review_or_end_on: datetime.date | None | Unset = UNSET
    schedule: AlpScheduleIn | None | Unset = UNSET
    start_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.alp_schedule_in import AlpScheduleIn  # noqa: PLC0415

        element_id = self.element_id

        provider_kind = self.provider_kind.value

        provider_organisation = self.provider_organisation

        delivered_by = self.delivered_by

        duration = self.duration

        frequency = self.frequency

        in_welsh: bool | None | Unset
        if isinstance(self.in_welsh, Unset):
            in_welsh = UNSET
        else:
            in_welsh = self.in_welsh

        intended_outcome = self.intended_outcome

        provision = self.provision

        rationale = self.rationale

        review_or_end_on: None | str | Unset
        if isinstance(self.review_or_end_on, Unset):
            review_or_end_on = UNSET
        elif isinstance(self.review_or_end_on, datetime.date):
            review_or_end_on = self.review_or_end_on.isoformat()
        else:
            review_or_end_on = self.review_or_end_on

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, AlpScheduleIn):
            schedule = self.schedule.to_dict()
        else:
            schedule = self.schedule

        start_on: None | str | Unset
        if isinstance(self.start_on, Unset):
            start_on = UNSET
        elif isinstance(self.start_on, datetime.date):
            start_on = self.start_on.isoformat()
        else:
            start_on = self.start_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "element_id": element_id,
                "provider_kind": provider_kind,
                "provider_organisation": provider_organisation,
            }
        )
        if delivered_by is not UNSET:
            field_dict["delivered_by"] = delivered_by
        if duration is not UNSET:
            field_dict["duration"] = duration
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if in_welsh is not UNSET:
            field_dict["in_welsh"] = in_welsh
        if intended_outcome is not UNSET:
            field_dict["intended_outcome"] = intended_outcome
        if provision is not UNSET:
            field_dict["provision"] = provision
        if rationale is not UNSET:
            field_dict["rationale"] = rationale
        if review_or_end_on is not UNSET:
            field_dict["review_or_end_on"] = review_or_end_on
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if start_on is not UNSET:
            field_dict["start_on"] = start_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alp_schedule_in import AlpScheduleIn  # noqa: PLC0415

        d = dict(src_dict)
        element_id = d.pop("element_id")

        provider_kind = ProviderKind(d.pop("provider_kind"))

        provider_organisation = d.pop("provider_organisation")

        delivered_by = d.pop("delivered_by", UNSET)

        duration = d.pop("duration", UNSET)

        frequency = d.pop("frequency", UNSET)

        def _parse_in_welsh(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        in_welsh = _parse_in_welsh(d.pop("in_welsh", UNSET))

        intended_outcome = d.pop("intended_outcome", UNSET)

        provision = d.pop("provision", UNSET)

        rationale = d.pop("rationale", UNSET)

        def _parse_review_or_end_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_or_end_on_type_0 = datetime.date.fromisoformat(data)

                return review_or_end_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        review_or_end_on = _parse_review_or_end_on(d.pop("review_or_end_on", UNSET))

        def _parse_schedule(data: object) -> AlpScheduleIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schedule_type_0 = AlpScheduleIn.from_dict(data)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlpScheduleIn | None | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        def _parse_start_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_on_type_0 = datetime.date.fromisoformat(data)

                return start_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_on = _parse_start_on(d.pop("start_on", UNSET))

        alp_element_in = cls(
            element_id=element_id,
            provider_kind=provider_kind,
            provider_organisation=provider_organisation,
            delivered_by=delivered_by,
            duration=duration,
            frequency=frequency,
            in_welsh=in_welsh,
            intended_outcome=intended_outcome,
            provision=provision,
            rationale=rationale,
            review_or_end_on=review_or_end_on,
            schedule=schedule,
            start_on=start_on,
        )

        return alp_element_in
