from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.transfer_reason import TransferReason

if TYPE_CHECKING:
    from ..models.maintainer_in import MaintainerIn


T = TypeVar("T", bound="TransferIn")


@_attrs_define
class TransferIn:
    """
    Attributes:
        reason (TransferReason):
        to (MaintainerIn):
        transferred_on (datetime.date):
    """

    reason: TransferReason
    to: MaintainerIn
    transferred_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        to = self.to.to_dict()

        transferred_on = self.transferred_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "to": to,
                "transferred_on": transferred_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.maintainer_in import MaintainerIn  # noqa: PLC0415

        d = dict(src_dict)
        reason = TransferReason(d.pop("reason"))

        to = MaintainerIn.from_dict(d.pop("to"))

        transferred_on = datetime.date.fromisoformat(d.pop("transferred_on"))

        transfer_in = cls(
            reason=reason,
            to=to,
            transferred_on=transferred_on,
        )

        return transfer_in
