from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.appeal_outcome import AppealOutcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_in import OrderIn
    from ..models.recommendation_in import RecommendationIn


T = TypeVar("T", bound="AppealDecisionIn")


@_attrs_define
class AppealDecisionIn:
    """
    Attributes:
        decided_on (datetime.date):
        outcome (AppealOutcome): How the Tribunal disposed of the appeal.
        orders (list[OrderIn] | Unset):
        recommendations (list[RecommendationIn] | Unset):
    """

    decided_on: datetime.date
    outcome: AppealOutcome
    orders: list[OrderIn] | Unset = UNSET
    recommendations: list[RecommendationIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decided_on = self.decided_on.isoformat()

        outcome = self.outcome.value

        orders: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.orders, Unset):
            orders = []
            for orders_item_data in self.orders:
                orders_item = orders_item_data.to_dict()
                orders.append(orders_item)

        recommendations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recommendations, Unset):
            recommendations = []
            for recommendations_item_data in self.recommendations:
                recommendations_item = recommendations_item_data.to_dict()
                recommendations.append(recommendations_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decided_on": decided_on,
                "outcome": outcome,
            }
        )
        if orders is not UNSET:
            field_dict["orders"] = orders
        if recommendations is not UNSET:
            field_dict["recommendations"] = recommendations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_in import OrderIn  # noqa: PLC0415
        from ..models.recommendation_in import RecommendationIn  # noqa: PLC0415

        d = dict(src_dict)
        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        outcome = AppealOutcome(d.pop("outcome"))

        _orders = d.pop("orders", UNSET)
        orders: list[OrderIn] | Unset = UNSET
        if _orders is not UNSET:
            orders = []
            for orders_item_data in _orders:
                orders_item = OrderIn.from_dict(orders_item_data)

                orders.append(orders_item)

        _recommendations = d.pop("recommendations", UNSET)
        recommendations: list[RecommendationIn] | Unset = UNSET
        if _recommendations is not UNSET:
            recommendations = []
            for recommendations_item_data in _recommendations:
                recommendations_item = RecommendationIn.from_dict(recommendations_item_data)

                recommendations.append(recommendations_item)

        appeal_decision_in = cls(
            decided_on=decided_on,
            outcome=outcome,
            orders=orders,
            recommendations=recommendations,
        )

        return appeal_decision_in
