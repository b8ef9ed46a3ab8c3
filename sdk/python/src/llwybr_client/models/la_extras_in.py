from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LaExtrasIn")


@_attrs_define
class LaExtrasIn:
    """
    Attributes:
        board_and_lodging (bool | Unset):  Default: False.
        named_place (None | str | Unset):
        transport (None | str | Unset):
    """

    board_and_lodging: bool | Unset = False
    named_place: None | str | Unset = UNSET
    transport: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        board_and_lodging = self.board_and_lodging

        named_place: None | str | Unset
        if isinstance(self.named_place, Unset):
            named_place = UNSET
        else:
            named_place = self.named_place

        transport: None | str | Unset
        if isinstance(self.transport, Unset):
            transport = UNSET
        else:
            transport = self.transport

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if board_and_lodging is not UNSET:
            field_dict["board_and_lodging"] = board_and_lodging
        if named_place is not UNSET:
            field_dict["named_place"] = named_place
        if transport is not UNSET:
            field_dict["transport"] = transport

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        board_and_lodging = d.pop("board_and_lodging", UNSET)

        def _parse_named_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        named_place = _parse_named_place(d.pop("named_place", UNSET))

        def _parse_transport(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transport = _parse_transport(d.pop("transport", UNSET))

        la_extras_in = cls(
            board_and_lodging=board_and_lodging,
            named_place=named_place,
            transport=transport,
        )

        return la_extras_in
