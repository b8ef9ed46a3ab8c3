from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_table_out_rules_item import RuleTableOutRulesItem


T = TypeVar("T", bound="RuleTableOut")


@_attrs_define
class RuleTableOut:
    """
    Attributes:
        rules (list[RuleTableOutRulesItem]):
        version (str):
        recalculated (list[UUID] | Unset):
    """

    rules: list[RuleTableOutRulesItem]
    version: str
    recalculated: list[UUID] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        version = self.version

        recalculated: list[str] | Unset = UNSET
        if not isinstance(self.recalculated, Unset):
            recalculated = []
            for recalculated_item_data in self.recalculated:
                recalculated_item = str(recalculated_item_data)
                recalculated.append(recalculated_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rules": rules,
                "version": version,
            }
        )
        if recalculated is not UNSET:
            field_dict["recalculated"] = recalculated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_table_out_rules_item import RuleTableOutRulesItem  # noqa: PLC0415

        d = dict(src_dict)
        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = RuleTableOutRulesItem.from_dict(rules_item_data)

            rules.append(rules_item)

        version = d.pop("version")

        _recalculated = d.pop("recalculated", UNSET)
        recalculated: list[UUID] | Unset = UNSET
        if _recalculated is not UNSET:
            recalculated = []
            for recalculated_item_data in _recalculated:
                recalculated_item = UUID(recalculated_item_data)

                recalculated.append(recalculated_item)

        rule_table_out = cls(
            rules=rules,
            version=version,
            recalculated=recalculated,
        )

        rule_table_out.additional_properties = d
        return rule_table_out

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
