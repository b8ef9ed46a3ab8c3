from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_out_cease_type_0 import PlanOutCeaseType0
    from ..models.plan_out_closure_type_0 import PlanOutClosureType0
    from ..models.plan_out_deadlines import PlanOutDeadlines
    from ..models.plan_out_deliveries import PlanOutDeliveries
    from ..models.plan_out_draft import PlanOutDraft
    from ..models.plan_out_fei_request_type_0 import PlanOutFeiRequestType0
    from ..models.plan_out_maintainer import PlanOutMaintainer
    from ..models.plan_out_problems_before_issue import PlanOutProblemsBeforeIssue
    from ..models.plan_out_review_requests_item import PlanOutReviewRequestsItem
    from ..models.plan_out_reviews_item import PlanOutReviewsItem
    from ..models.plan_out_revision_directions_item import PlanOutRevisionDirectionsItem
    from ..models.plan_out_revision_orders_item import PlanOutRevisionOrdersItem
    from ..models.plan_out_shortfalls import PlanOutShortfalls
    from ..models.plan_out_transfers_item import PlanOutTransfersItem


T = TypeVar("T", bound="PlanOut")


@_attrs_define
class PlanOut:
    """
    Attributes:
        cease (None | PlanOutCeaseType0):
        closure (None | PlanOutClosureType0):
        current_plan_version (int):
        deadlines (PlanOutDeadlines):
        deliveries (PlanOutDeliveries):
        draft (PlanOutDraft):
        fei_request (None | PlanOutFeiRequestType0): The LA's request that an FEI maintain the plan, and how it stands
        id (UUID):
        learner_id (str):
        looked_after (bool):
        maintainer (PlanOutMaintainer):
        problems_before_issue (PlanOutProblemsBeforeIssue):
        review_requests (list[PlanOutReviewRequestsItem]):
        reviews (list[PlanOutReviewsItem]):
        revision_directions (list[PlanOutRevisionDirectionsItem]):
        revision_due (list[str]):
        revision_due_by (datetime.date | None): The date an open Tribunal order to revise the plan must be complied with
            by
        revision_orders (list[PlanOutRevisionOrdersItem]): The Tribunal's orders to revise the plan and the version that
            answered each
        shortfalls (PlanOutShortfalls): Open shortfalls of provision by element (since when, why): for the next review
        status (str):
        transfers (list[PlanOutTransfersItem]):
        version (int):
    """

    cease: None | PlanOutCeaseType0
    closure: None | PlanOutClosureType0
    current_plan_version: int
    deadlines: PlanOutDeadlines
    deliveries: PlanOutDeliveries
    draft: PlanOutDraft
    fei_request: None | PlanOutFeiRequestType0
    id: UUID
    learner_id: str
    looked_after: bool
    maintainer: PlanOutMaintainer
    problems_before_issue: PlanOutProblemsBeforeIssue
    review_requests: list[PlanOutReviewRequestsItem]
    reviews: list[PlanOutReviewsItem]
    revision_directions: list[PlanOutRevisionDirectionsItem]
    revision_due: list[str]
    revision_due_by: datetime.date | None
    revision_orders: list[PlanOutRevisionOrdersItem]
    shortfalls: PlanOutShortfalls
    status: str
    transfers: list[PlanOutTransfersItem]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_out_cease_type_0 import PlanOutCeaseType0  # noqa: PLC0415
        from ..models.plan_out_closure_type_0 import PlanOutClosureType0  # noqa: PLC0415
        from ..models.plan_out_fei_request_type_0 import PlanOutFeiRequestType0  # noqa: PLC0415

        cease: dict[str, Any] | None
        if isinstance(self.cease, PlanOutCeaseType0):
            cease = self.cease.to_dict()
        else:
            cease = self.cease

        closure: dict[str, Any] | None
        if isinstance(self.closure, PlanOutClosureType0):
            closure = self.closure.to_dict()
        else:
            closure = self.closure

        current_plan_version = self.current_plan_version

        deadlines = self.deadlines.to_dict()

        deliveries = self.deliveries.to_dict()

        draft = self.draft.to_dict()

        fei_request: dict[str, Any] | None
        if isinstance(self.fei_request, PlanOutFeiRequestType0):
            fei_request = self.fei_request.to_dict()
        else:
            fei_request = self.fei_request

        id = str(self.id)

        learner_id = self.learner_id

        looked_after = self.looked_after

        maintainer = self.maintainer.to_dict()

        problems_before_issue = self.problems_before_issue.to_dict()

        review_requests = []
        for review_requests_item_data in self.review_requests:
            review_requests_item = review_requests_item_data.to_dict()
            review_requests.append(review_requests_item)

        reviews = []
        for reviews_item_data in self.reviews:
            reviews_item = reviews_item_data.to_dict()
            reviews.append(reviews_item)

        revision_directions = []
        for revision_directions_item_data in self.revision_directions:
            revision_directions_item = revision_directions_item_data.to_dict()
            revision_directions.append(revision_directions_item)

        revision_due = self.revision_due

        revision_due_by: None | str
        if isinstance(self.revision_due_by, datetime.date):
            revision_due_by = self.revision_due_by.isoformat()
        else:
            revision_due_by = self.revision_due_by

        revision_orders = []
        for revision_orders_item_data in self.revision_orders:
            revision_orders_item = revision_orders_item_data.to_dict()
            revision_orders.append(revision_orders_item)

        shortfalls = self.shortfalls.to_dict()

        status = self.status

        transfers = []
        for transfers_item_data in self.transfers:
            transfers_item = transfers_item_data.to_dict()
            transfers.append(transfers_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cease": cease,
                "closure": closure,
                "current_plan_version": current_plan_version,
                "deadlines": deadlines,
                "deliveries": deliveries,
                "draft": draft,
                "fei_request": fei_request,
                "id": id,
                "learner_id": learner_id,
                "looked_after": looked_after,
                "maintainer": maintainer,
                "problems_before_issue": problems_before_issue,
                "review_requests": review_requests,
                "reviews": reviews,
                "revision_directions": revision_directions,
                "revision_due": revision_due,
                "revision_due_by": revision_due_by,
                "revision_orders": revision_orders,
                "shortfalls": shortfalls,
                "status": status,
                "transfers": transfers,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_out_cease_type_0 import PlanOutCeaseType0  # noqa: PLC0415
        from ..models.plan_out_closure_type_0 import PlanOutClosureType0  # noqa: PLC0415
        from ..models.plan_out_deadlines import PlanOutDeadlines  # noqa: PLC0415
        from ..models.plan_out_deliveries import PlanOutDeliveries  # noqa: PLC0415
        from ..models.plan_out_draft import PlanOutDraft  # noqa: PLC0415
        from ..models.plan_out_fei_request_type_0 import PlanOutFeiRequestType0  # noqa: PLC0415
        from ..models.plan_out_maintainer import PlanOutMaintainer  # noqa: PLC0415
        from ..models.plan_out_problems_before_issue import PlanOutProblemsBeforeIssue  # noqa: PLC0415
        from ..models.plan_out_review_requests_item import PlanOutReviewRequestsItem  # noqa: PLC0415
        from ..models.plan_out_reviews_item import PlanOutReviewsItem  # noqa: PLC0415
        from ..models.plan_out_revision_directions_item import PlanOutRevisionDirectionsItem  # noqa: PLC0415
        from ..models.plan_out_revision_orders_item import PlanOutRevisionOrdersItem  # noqa: PLC0415
        from ..models.plan_out_shortfalls import PlanOutShortfalls  # noqa: PLC0415
        from ..models.plan_out_transfers_item import PlanOutTransfersItem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_cease(data: object) -> None | PlanOutCeaseType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cease_type_0 = PlanOutCeaseType0.from_dict(data)

                return cease_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanOutCeaseType0, data)

        cease = _parse_cease(d.pop("cease"))

        def _parse_closure(data: object) -> None | PlanOutClosureType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                closure_type_0 = PlanOutClosureType0.from_dict(data)

                return closure_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanOutClosureType0, data)

        closure = _parse_closure(d.pop("closure"))

        current_plan_version = d.pop("current_plan_version")

        deadlines = PlanOutDeadlines.from_dict(d.pop("deadlines"))

        deliveries = PlanOutDeliveries.from_dict(d.pop("deliveries"))

        draft = PlanOutDraft.from_dict(d.pop("draft"))

        def _parse_fei_request(data: object) -> None | PlanOutFeiRequestType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fei_request_type_0 = PlanOutFeiRequestType0.from_dict(data)

                return fei_request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanOutFeiRequestType0, data)

        fei_request = _parse_fei_request(d.pop("fei_request"))

        id = UUID(d.pop("id"))

        learner_id = d.pop("learner_id")

        looked_after = d.pop("looked_after")

        maintainer = PlanOutMaintainer.from_dict(d.pop("maintainer"))

        problems_before_issue = PlanOutProblemsBeforeIssue.from_dict(d.pop("problems_before_issue"))

        review_requests = []
        _review_requests = d.pop("review_requests")
        for review_requests_item_data in _review_requests:
            review_requests_item = PlanOutReviewRequestsItem.from_dict(review_requests_item_data)

            review_requests.append(review_requests_item)

        reviews = []
        _reviews = d.pop("reviews")
        for reviews_item_data in _reviews:
            reviews_item = PlanOutReviewsItem.from_dict(reviews_item_data)

            reviews.append(reviews_item)

        revision_directions = []
        _revision_directions = d.pop("revision_directions")
        for revision_directions_item_data in _revision_directions:
            revision_directions_item = PlanOutRevisionDirectionsItem.from_dict(
                revision_directions_item_data
            )

            revision_directions.append(revision_directions_item)

        revision_due = cast(list[str], d.pop("revision_due"))

        def _parse_revision_due_by(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revision_due_by_type_0 = datetime.date.fromisoformat(data)

                return revision_due_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        revision_due_by = _parse_revision_due_by(d.pop("revision_due_by"))

        revision_orders = []
        _revision_orders = d.pop("revision_orders")
        for revision_orders_item_data in _revision_orders:
            revision_orders_item = PlanOutRevisionOrdersItem.from_dict(revision_orders_item_data)

            revision_orders.append(revision_orders_item)

        shortfalls = PlanOutShortfalls.from_dict(d.pop("shortfalls"))

        status = d.pop("status")

        transfers = []
        _transfers = d.pop("transfers")
        for transfers_item_data in _transfers:
            transfers_item = PlanOutTransfersItem.from_dict(transfers_item_data)

            transfers.append(transfers_item)

        version = d.pop("version")

        plan_out = cls(
            cease=cease,
            closure=closure,
            current_plan_version=current_plan_version,
            deadlines=deadlines,
            deliveries=deliveries,
            draft=draft,
            fei_request=fei_request,
            id=id,
            learner_id=learner_id,
            looked_after=looked_after,
            maintainer=maintainer,
            problems_before_issue=problems_before_issue,
            review_requests=review_requests,
            reviews=reviews,
            revision_directions=revision_directions,
            revision_due=revision_due,
            revision_due_by=revision_due_by,
            revision_orders=revision_orders,
            shortfalls=shortfalls,
            status=status,
            transfers=transfers,
            version=version,
        )

        plan_out.additional_properties = d
        return plan_out

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
