"""What the service's queries answer: a plan as its callers see it, and what an issued version
looks like on paper (the renderer's input, from the frozen snapshot)."""

from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from idp.domain import Idp
from idp.rendering import AlpElementView, IdpDocument


@dataclass(frozen=True)
class PlanView:
    """A plan: its draft, deadlines, reviews and history (copies: changing them changes no plan)."""

    id: UUID
    version: int
    learner_id: str
    status: str
    maintainer: dict[str, Any]
    looked_after: bool
    current_plan_version: int
    deadlines: dict[str, Any]
    draft: dict[str, Any]
    problems_before_issue: dict[str, str]
    revision_due: list[str]
    revision_due_by: date | None
    revision_directions: list[dict[str, Any]]
    revision_orders: list[dict[str, Any]]
    review_requests: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    transfers: list[dict[str, Any]]
    fei_request: dict[str, Any] | None
    cease: dict[str, Any] | None
    closure: dict[str, Any] | None
    deliveries: dict[str, list[dict[str, Any]]]


def plan_view(plan: Idp) -> PlanView:
    return PlanView(
        id=plan.id,
        version=plan.version,
        learner_id=plan.learner_id,
        status=str(plan.status),
        maintainer=deepcopy(plan.maintainer),
        looked_after=plan.looked_after,
        current_plan_version=plan.current_version,
        deadlines=deepcopy(plan.deadlines),
        draft=deepcopy(plan.draft),
        problems_before_issue=plan.problems_before_issue(),
        revision_due=list(plan.revision_due),
        revision_due_by=plan.revision_due_by,
        revision_directions=deepcopy(plan.revision_directions),
        revision_orders=deepcopy(plan.revision_orders),
        review_requests=deepcopy(plan.review_requests),
        reviews=deepcopy(plan.reviews),
        transfers=deepcopy(plan.transfers),
        fei_request=deepcopy(plan.fei_request),
        cease=deepcopy(plan.cease),
        closure=deepcopy(plan.closure),
        deliveries=deepcopy(plan.deliveries),
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def document_of(plan: Idp, version: dict[str, Any]) -> IdpDocument:
    """Issued version ``version`` of ``plan``, as the renderer lays it out."""
    content = version["content"]
    section_1 = content.get("section_1") or {}
    profile = content.get("one_page_profile") or {}
    aln = content.get("aln_description") or {}
    maintainer = content["maintainer"]
    return IdpDocument(
        plan_id=str(plan.id),
        version=int(version["number"]),
        issued_on=_text(version["issued_on"]),
        review_by=_text(version["review_by"]["due_on"]),
        learner_name=_text(section_1.get("learner_name")),
        date_of_birth=_text(section_1.get("date_of_birth")),
        home_language=_text(section_1.get("home_language")),
        consent_and_capacity=_text(section_1.get("consent_and_capacity")),
        maintainer=f"{maintainer['organisation']} ({maintainer['kind']})",
        one_page_profile={k: _text(v) for k, v in profile.items()},
        aln_description=_text(aln.get("description")),
        impact_on_learning=_text(aln.get("impact_on_learning")),
        reasons_where_disputed=_text(aln.get("reasons_where_disputed")),
        alp=tuple(
            AlpElementView(
                element_id=_text(e["element_id"]),
                intended_outcome=_text(e["intended_outcome"]),
                provision=_text(e["provision"]),
                delivered_by=_text(e["delivered_by"]),
                frequency=_text(e["frequency"]),
                duration=_text(e["duration"]),
                in_welsh=e["in_welsh"],
                provider_kind=_text(e["provider_kind"]),
                provider_organisation=_text(e["provider_organisation"]),
                start_on=_text(e["start_on"]),
                review_or_end_on=_text(e["review_or_end_on"]),
                rationale=_text(e["rationale"]),
            )
            for e in content["alp"]
        ),
        welsh_language_decision=_text(content.get("welsh_language_decision")),
        la_extras=(
            {k: _text(v) for k, v in content["la_extras"].items()}
            if content.get("la_extras")
            else None
        ),
        section_3={k: _text(v) for k, v in (content.get("section_3") or {}).items()},
        lac=(
            {k: _text(v) for k, v in content["lac_details"].items()}
            if content.get("lac_details")
            else None
        ),
    )
