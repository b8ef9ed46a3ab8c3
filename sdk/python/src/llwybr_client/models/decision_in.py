from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.idp_arrangement import IdpArrangement
from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionIn")


@_attrs_define
class DecisionIn:
    """
    Attributes:
        decided_by (str):
        decided_on (datetime.date):
        has_aln (bool):
        person (str):
        reasons (str):
        idp_arrangement (IdpArrangement | None | Unset): Only an LA deciding that a learner at a school has ALN (s.14):
            it maintains the IDP itself (the default), prepares it and directs the school to maintain it, or directs the
            school to prepare and maintain it
        idp_necessary (bool | Unset): False when the LA decides that a young person with ALN who is not at a maintained
            school or FEI needs no IDP to meet their reasonable needs for education or training (Act s.14(1)(c)); judged
            against its own 12 weeks from consent (D5) Default: True.
        names_place_or_board (bool | Unset): The LA's plan will name a school place or board and lodging: the school
            cannot then be directed to maintain (or prepare) it (422 idp-arrangement-not-allowed) Default: False.
    """

    decided_by: str
    decided_on: datetime.date
    has_aln: bool
    person: str
    reasons: str
    idp_arrangement: IdpArrangement | None | Unset = UNSET
    idp_necessary: bool | Unset = True
    names_place_or_board: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        decided_by = self.decided_by

        decided_on = self.decided_on.isoformat()

        has_aln = self.has_aln

        person = self.person

        reasons = self.reasons

        idp_arrangement: None | str | Unset
        if isinstance(self.idp_arrangement, Unset):
            idp_arrangement = UNSET
        elif isinstance(self.idp_arrangement, IdpArrangement):
            idp_arrangement = self.idp_arrangement.value
        else:
            idp_arrangement = self.idp_arrangement

        idp_necessary = self.idp_necessary

        names_place_or_board = self.names_place_or_board

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decided_by": decided_by,
                "decided_on": decided_on,
                "has_aln": has_aln,
                "person": person,
                "reasons": reasons,
            }
        )
        if idp_arrangement is not UNSET:
            field_dict["idp_arrangement"] = idp_arrangement
        if idp_necessary is not UNSET:
            field_dict["idp_necessary"] = idp_necessary
        if names_place_or_board is not UNSET:
            field_dict["names_place_or_board"] = names_place_or_board

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decided_by = d.pop("decided_by")

        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        has_aln = d.pop("has_aln")

        person = d.pop("person")

        reasons = d.pop("reasons")

        def _parse_idp_arrangement(data: object) -> IdpArrangement | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                idp_arrangement_type_0 = IdpArrangement(data)

                return idp_arrangement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IdpArrangement | None | Unset, data)

        idp_arrangement = _parse_idp_arrangement(d.pop("idp_arrangement", UNSET))

        idp_necessary = d.pop("idp_necessary", UNSET)

        names_place_or_board = d.pop("names_place_or_board", UNSET)

        decision_in = cls(
            decided_by=decided_by,
            decided_on=decided_on,
            has_aln=has_aln,
            person=person,
            reasons=reasons,
            idp_arrangement=idp_arrangement,
            idp_necessary=idp_necessary,
            names_place_or_board=names_place_or_board,
        )

        return decision_in
