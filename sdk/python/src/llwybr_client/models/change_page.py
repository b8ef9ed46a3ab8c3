from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.change_page_items_item import ChangePageItemsItem


T = TypeVar("T", bound="ChangePage")


@_attrs_define
class ChangePage:
    """Cases changed after a position.

    Attributes:
        cursor (int): The same as `next_after`: deprecated (the `Deprecation` header says since when); read `next_after`
        items (list[ChangePageItemsItem]):
        next_after (int): Pass as `after` next time; unchanged when nothing changed
    """

    cursor: int
    items: list[ChangePageItemsItem]
    next_after: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cursor = self.cursor

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_after = self.next_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cursor": cursor,
                "items": items,
                "next_after": next_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_page_items_item import ChangePageItemsItem  # noqa: PLC0415

        d = dict(src_dict)
        cursor = d.pop("cursor")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ChangePageItemsItem.from_dict(items_item_data)

            items.append(items_item)

        next_after = d.pop("next_after")

        change_page = cls(
            cursor=cursor,
            items=items,
            next_after=next_after,
        )

        change_page.additional_properties = d
        return change_page

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
