from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rule_in import RuleIn


T = TypeVar("T", bound="RuleCorrectionIn")


@_attrs_define
class RuleCorrectionIn:
    """
    Attributes:
        corrected_by (str):
        reason (str):
        rules (list[RuleIn]):
        version (str):
    """

    corrected_by: str
    reason: str
    rules: list[RuleIn]
    version: str

    def to_dict(self) -> dict[str, Any]:
        corrected_by = self.corrected_by

        reason = self.reason

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "corrected_by": corrected_by,
                "reason": reason,
                "rules": rules,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_in import RuleIn  # noqa: PLC0415

        d = dict(src_dict)
        corrected_by = d.pop("corrected_by")

        reason = d.pop("reason")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = RuleIn.from_dict(rules_item_data)

            rules.append(rules_item)

        version = d.pop("version")

        rule_correction_in = cls(
            corrected_by=corrected_by,
            reason=reason,
            rules=rules,
            version=version,
        )

        return rule_correction_in
