"""Which stored IDP events become public integration events (ids, dates, statutory facts)."""

from typing import Any

from contracts import idp as public
from contracts.determination import deadline_facts
from contracts.events import IntegrationEvent
from idp.domain import Idp
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator


def _public(name: str, ids: dict[str, Any], s: dict[str, Any]) -> IntegrationEvent | None:
    if name == "Opened":
        return public.IdpOpened(
            **ids,
            maintainer_kind=s["maintainer"]["kind"],
            maintaining_organisation=s["maintainer"]["organisation"],
            opened_on=s["opened_on"],
            determination_id=s["determination_id"],
            preparation_deadline=deadline_facts(s["preparation_deadline"]),
            reason=s["reason"],
        )
    if name in {"Issued", "Revised"}:
        alp = s["content"]["alp"]
        review = deadline_facts(s["review_by"])
        assert review is not None
        return public.IdpIssued(
            **ids,
            plan_version=s["number"],
            issued_on=s["issued_on"],
            issued_by=s["issued_by"],
            review_deadline=review,
            revision_reason=s.get("reason"),
            nhs_bodies_securing_alp=sorted(
                {e["provider_organisation"] for e in alp if e["provider_kind"] == "nhs_body"}
            ),
            alp_in_welsh=sum(1 for e in alp if e["in_welsh"]),
            alp_elements=len(alp),
        )
    if name == "ReviewRequested":
        return public.ReviewRequested(
            **ids, requested_by_kind=s["requested_by_kind"], requested_on=s["requested_on"]
        )
    if name == "ReviewHeld":
        return public.ReviewHeld(
            **ids,
            held_on=s["held_on"],
            outcome=s["outcome"],
            next_review_deadline=deadline_facts(s["next_review_by"]),
        )
    if name == "Transferred":
        return public.ResponsibilityTransferred(
            **ids,
            from_organisation=s["from_maintainer"]["organisation"],
            to_kind=s["to"]["kind"],
            to_organisation=s["to"]["organisation"],
            reason=s["reason"],
            transferred_on=s["transferred_on"],
        )
    if name == "RevisionDirected":
        return public.RevisionDirected(
            **ids,
            local_authority=s["local_authority"],
            reconsideration_id=s["reconsideration_id"],
            directed_on=s["directed_on"],
        )
    if name == "CeaseProposed":
        return public.CeaseProposed(**ids, proposed_on=s["proposed_on"])
    if name == "Ceased":
        return public.Ceased(
            **ids,
            decided_on=s["decided_on"],
            reconsideration_window_until=s["reconsideration_window_until"],
        )
    if name == "Closed":
        return public.Closed(**ids, closed_on=s["closed_on"], reason=s["reason"])
    return None  # drafts, deliveries and the plan's content stay in the service


def translator(app: ChainedApplication) -> Translator:
    def translate(recorded: RecordedEvent) -> Publication | None:
        event = recorded.event
        if not isinstance(event, Idp.Event):
            return None
        plan: Idp = app.repository.get(recorded.originator_id, version=1)
        ids = {"idp_id": recorded.originator_id, "learner_id": plan.learner_id}
        state = dict(vars(event))
        name = type(event).__name__
        if name == "Transferred":
            before: Idp = app.repository.get(
                recorded.originator_id, version=recorded.originator_version - 1
            )
            state["from_maintainer"] = before.maintainer
        facts = _public(name, ids, state)
        return Publication(facts, plan.learner_id) if facts is not None else None

    return translate
