from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WelshDecisionIn")


@_attrs_define
class WelshDecisionIn:
    """
    Attributes:
        decision (str):
        alp_in_welsh (bool | None | Unset): The decision as a fact: issuing refuses ALP that disagrees with it
    """

    decision: str
    alp_in_welsh: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision

        alp_in_welsh: bool | None | Unset
        if isinstance(self.alp_in_welsh, Unset):
            alp_in_welsh = UNSET
        else:
            alp_in_welsh = self.alp_in_welsh

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
            }
        )
        if alp_in_welsh is not UNSET:
            field_dict["alp_in_welsh"] = alp_in_welsh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = d.pop("decision")

        def _parse_alp_in_welsh(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        alp_in_welsh = _parse_alp_in_welsh(d.pop("alp_in_welsh", UNSET))

        welsh_decision_in = cls(
            decision=decision,
            alp_in_welsh=alp_in_welsh,
        )

        return welsh_decision_in
