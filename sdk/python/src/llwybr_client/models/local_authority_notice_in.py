from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LocalAuthorityNoticeIn")


@_attrs_define
class LocalAuthorityNoticeIn:
    """
    Attributes:
        discussed_on (datetime.date | None | Unset): The day the parent discussed the opinion with the officer (not
            after today)
    """

    discussed_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        discussed_on: None | str | Unset
        if isinstance(self.discussed_on, Unset):
            discussed_on = UNSET
        elif isinstance(self.discussed_on, datetime.date):
            discussed_on = self.discussed_on.isoformat()
        else:
            discussed_on = self.discussed_on

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if discussed_on is not UNSET:
            field_dict["discussed_on"] = discussed_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_discussed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discussed_on_type_0 = datetime.date.fromisoformat(data)

                return discussed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        discussed_on = _parse_discussed_on(d.pop("discussed_on", UNSET))

        local_authority_notice_in = cls(
            discussed_on=discussed_on,
        )

        return local_authority_notice_in
