from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.party import Party

T = TypeVar("T", bound="InvitationIn")


@_attrs_define
class InvitationIn:
    """
    Attributes:
        from_party (Party): A side of a reconsideration: who asks, and who is invited to make representations.
        invited_on (datetime.date):
    """

    from_party: Party
    invited_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        from_party = self.from_party.value

        invited_on = self.invited_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from_party": from_party,
                "invited_on": invited_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_party = Party(d.pop("from_party"))

        invited_on = datetime.date.fromisoformat(d.pop("invited_on"))

        invitation_in = cls(
            from_party=from_party,
            invited_on=invited_on,
        )

        return invitation_in
