from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outcome_row_case_type import OutcomeRowCaseType

T = TypeVar("T", bound="OutcomeRow")


@_attrs_define
class OutcomeRow:
    """How many of an LA's ended cases of one type and kind ended one way.

    Attributes:
        case_type (OutcomeRowCaseType):
        kind (str): A reconsideration's kind (R1, R2) or an appeal's matter
        n (int): How many cases
        outcome (str):
    """

    case_type: OutcomeRowCaseType
    kind: str
    n: int
    outcome: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_type = self.case_type.value

        kind = self.kind

        n = self.n

        outcome = self.outcome

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_type": case_type,
                "kind": kind,
                "n": n,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        case_type = OutcomeRowCaseType(d.pop("case_type"))

        kind = d.pop("kind")

        n = d.pop("n")

        outcome = d.pop("outcome")

        outcome_row = cls(
            case_type=case_type,
            kind=kind,
            n=n,
            outcome=outcome,
        )

        outcome_row.additional_properties = d
        return outcome_row

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
