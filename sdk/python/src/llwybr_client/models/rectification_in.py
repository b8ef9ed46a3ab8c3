from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RectificationIn")


@_attrs_define
class RectificationIn:
    """The corrected values (a field left out is unchanged) and why.

    Attributes:
        reason (str):
        recorded_by (str):
        rectified_on (datetime.date):
        date_of_birth (datetime.date | None | Unset):
        family_name (None | str | Unset):
        given_name (None | str | Unset):
    """

    reason: str
    recorded_by: str
    rectified_on: datetime.date
    date_of_birth: datetime.date | None | Unset = UNSET
    family_name: None | str | Unset = UNSET
    given_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        recorded_by = self.recorded_by

        rectified_on = self.rectified_on.isoformat()

        date_of_birth: None | str | Unset
        if isinstance(self.date_of_birth, Unset):
            date_of_birth = UNSET
        elif isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

        given_name: None | str | Unset
        if isinstance(self.given_name, Unset):
            given_name = UNSET
        else:
            given_name = self.given_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "recorded_by": recorded_by,
                "rectified_on": rectified_on,
            }
        )
        if date_of_birth is not UNSET:
            field_dict["date_of_birth"] = date_of_birth
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if given_name is not UNSET:
            field_dict["given_name"] = given_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        recorded_by = d.pop("recorded_by")

        rectified_on = datetime.date.fromisoformat(d.pop("rectified_on"))

        def _parse_date_of_birth(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_of_birth_type_0 = datetime.date.fromisoformat(data)

                return date_of_birth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date_of_birth = _parse_date_of_birth(d.pop("date_of_birth", UNSET))

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("family_name", UNSET))

        def _parse_given_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        given_name = _parse_given_name(d.pop("given_name", UNSET))

        rectification_in = cls(
            reason=reason,
            recorded_by=recorded_by,
            rectified_on=rectified_on,
            date_of_birth=date_of_birth,
            family_name=family_name,
            given_name=given_name,
        )

        return rectification_in
