from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.order_kind import OrderKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderIn")


@_attrs_define
class OrderIn:
    """
    Attributes:
        addressed_to (str):
        kind (OrderKind): What the Tribunal orders an LA or FEI to do.
        order_id (str):
        wording (str):
        comply_by (datetime.date | None | Unset):
    """

    addressed_to: str
    kind: OrderKind
    order_id: str
    wording: str
    comply_by: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        addressed_to = self.addressed_to

        kind = self.kind.value

        order_id = self.order_id

        wording = self.wording

        comply_by: None | str | Unset
        if isinstance(self.comply_by, Unset):
            comply_by = UNSET
        elif isinstance(self.comply_by, datetime.date):
            comply_by = self.comply_by.isoformat()
        else:
            comply_by = self.comply_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "addressed_to": addressed_to,
                "kind": kind,
                "order_id": order_id,
                "wording": wording,
            }
        )
        if comply_by is not UNSET:
            field_dict["comply_by"] = comply_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        addressed_to = d.pop("addressed_to")

        kind = OrderKind(d.pop("kind"))

        order_id = d.pop("order_id")

        wording = d.pop("wording")

        def _parse_comply_by(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                comply_by_type_0 = datetime.date.fromisoformat(data)

                return comply_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        comply_by = _parse_comply_by(d.pop("comply_by", UNSET))

        order_in = cls(
            addressed_to=addressed_to,
            kind=kind,
            order_id=order_id,
            wording=wording,
            comply_by=comply_by,
        )

        return order_in
