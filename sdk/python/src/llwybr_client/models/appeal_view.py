from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.appeal_view_deadlines_type_0 import AppealViewDeadlinesType0
    from ..models.appeal_view_orders import AppealViewOrders
    from ..models.appeal_view_recommendations import AppealViewRecommendations


T = TypeVar("T", bound="AppealView")


@_attrs_define
class AppealView:
    """An appeal to the Education Tribunal for Wales, its orders and recommendations.

    Attributes:
        appellant_kind (str): Who appeals: the parent, the young person, ...
        id (str): The case's id
        learner_id (str):
        lodged_on (str):
        matter (str): What is appealed
        orders (AppealViewOrders): The Tribunal's orders by id, with compliance
        recommendations (AppealViewRecommendations): Recommendations to NHS bodies by id
        respondent (str): The body whose decision is appealed, e.g. `la:665`
        status (str): Where the case stands
        version (int): Its version, also the ETag; send it as If-Match
        created_on (None | str | Unset): When it was recorded
        deadlines (AppealViewDeadlinesType0 | None | Unset): Its deadlines by name (null: a window not yet open); absent
            when none
        modified_on (None | str | Unset): When it last changed
    """

    appellant_kind: str
    id: str
    learner_id: str
    lodged_on: str
    matter: str
    orders: AppealViewOrders
    recommendations: AppealViewRecommendations
    respondent: str
    status: str
    version: int
    created_on: None | str | Unset = UNSET
    deadlines: AppealViewDeadlinesType0 | None | Unset = UNSET
    modified_on: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.appeal_view_deadlines_type_0 import AppealViewDeadlinesType0  # noqa: PLC0415

        appellant_kind = self.appellant_kind

        id = self.id

        learner_id = self.learner_id

        lodged_on = self.lodged_on

        matter = self.matter

        orders = self.orders.to_dict()

        recommendations = self.recommendations.to_dict()

        respondent = self.respondent

        status = self.status

        version = self.version

        created_on: None | str | Unset
        if isinstance(self.created_on, Unset):
            created_on = UNSET
        else:
            created_on = self.created_on

        deadlines: dict[str, Any] | None | Unset
        if isinstance(self.deadlines, Unset):
            deadlines = UNSET
        elif isinstance(self.deadlines, AppealViewDeadlinesType0):
            deadlines = self.deadlines.to_dict()
        else:
            deadlines = self.deadlines

        modified_on: None | str | Unset
        if isinstance(self.modified_on, Unset):
            modified_on = UNSET
        else:
            modified_on = self.modified_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "appellant_kind": appellant_kind,
                "id": id,
                "learner_id": learner_id,
                "lodged_on": lodged_on,
                "matter": matter,
                "orders": orders,
                "recommendations": recommendations,
                "respondent": respondent,
                "status": status,
                "version": version,
            }
        )
        if created_on is not UNSET:
            field_dict["created_on"] = created_on
        if deadlines is not UNSET:
            field_dict["deadlines"] = deadlines
        if modified_on is not UNSET:
            field_dict["modified_on"] = modified_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.appeal_view_deadlines_type_0 import AppealViewDeadlinesType0  # noqa: PLC0415
        from ..models.appeal_view_orders import AppealViewOrders  # noqa: PLC0415
        from ..models.appeal_view_recommendations import AppealViewRecommendations  # noqa: PLC0415

        d = dict(src_dict)
        appellant_kind = d.pop("appellant_kind")

        id = d.pop("id")

        learner_id = d.pop("learner_id")

        lodged_on = d.pop("lodged_on")

        matter = d.pop("matter")

        orders = AppealViewOrders.from_dict(d.pop("orders"))

        recommendations = AppealViewRecommendations.from_dict(d.pop("recommendations"))

        respondent = d.pop("respondent")

        status = d.pop("status")

        version = d.pop("version")

        def _parse_created_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_on = _parse_created_on(d.pop("created_on", UNSET))

        def _parse_deadlines(data: object) -> AppealViewDeadlinesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deadlines_type_0 = AppealViewDeadlinesType0.from_dict(data)

                return deadlines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AppealViewDeadlinesType0 | None | Unset, data)

        deadlines = _parse_deadlines(d.pop("deadlines", UNSET))

        def _parse_modified_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        modified_on = _parse_modified_on(d.pop("modified_on", UNSET))

        appeal_view = cls(
            appellant_kind=appellant_kind,
            id=id,
            learner_id=learner_id,
            lodged_on=lodged_on,
            matter=matter,
            orders=orders,
            recommendations=recommendations,
            respondent=respondent,
            status=status,
            version=version,
            created_on=created_on,
            deadlines=deadlines,
            modified_on=modified_on,
        )

        appeal_view.additional_properties = d
        return appeal_view

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
