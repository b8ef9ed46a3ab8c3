"""Which stored IDP events become public integration events (ids, dates, statutory facts).

Each public event is translated from the stored event it is given, dispatched on its class:
every plan event names its learner, and a transfer the maintainer before. Events stored before
those facts were carried on them lack them; for those only, the plan is read (``Stored.plan``).
Drafts, deliveries, the rule table in force and the plan's content stay in the service.
"""

from dataclasses import dataclass
from functools import cached_property, singledispatch
from typing import Any, cast

from contracts import idp as public
from contracts.determination import deadline_facts
from idp.domain import Idp, NoStatutoryLimit
from idp.domain.ending import Ending
from idp.domain.issuing import Issuing
from idp.domain.notices import Noticing
from idp.domain.recalculation import Recalculating
from idp.domain.reviews import Reviewing
from idp.domain.shortfalls import Monitoring
from idp.domain.transfers import Transferring
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator


@dataclass
class Stored:
    """A stored plan event being translated, with its ids."""

    app: ChainedApplication
    recorded: RecordedEvent

    @cached_property
    def ids(self) -> dict[str, Any]:
        learner_id = getattr(self.recorded.event, "learner_id", "")
        if not learner_id:
            # Fallback for events stored before every plan event named its learner only.
            learner_id = self.plan(1).learner_id
        return {"idp_id": self.recorded.originator_id, "learner_id": learner_id}

    def plan(self, version: int) -> Idp:
        """The plan as it was at ``version``: read only for events stored before the facts
        they publish were carried on them."""
        found: Idp = self.app.repository.get(self.recorded.originator_id, version=version)
        return found


@singledispatch
def public_event(event: object, stored: Stored) -> public.IdpEvent | None:
    """Events that stay in the service."""
    return None


@public_event.register(Idp.Opened)
def _opened(event: Idp.Opened, stored: Stored) -> public.IdpEvent:
    limitless = event.preparation_without_limit
    without_limit = NoStatutoryLimit(**limitless) if limitless is not None else None
    return public.IdpOpened(
        **stored.ids,
        maintainer_kind=event.maintainer["kind"],
        maintaining_organisation=event.maintainer["organisation"],
        opened_on=event.opened_on,
        determination_id=event.determination_id,
        preparation_deadline=deadline_facts(event.preparation_deadline),
        reason=event.reason,
        preparation_reminder_every_days=without_limit.remind_every_days if without_limit else None,
        preparation_first_reminder_on=without_limit.first_reminder_on if without_limit else None,
        directed_to_maintain=(
            event.directed_maintainer["organisation"] if event.directed_maintainer else None
        ),
    )


def _issued(
    event: Issuing.Issued | Issuing.Revised, stored: Stored, reason: str | None
) -> public.IdpEvent:
    alp = event.content["alp"]
    review = deadline_facts(event.review_by)
    assert review is not None
    return public.IdpIssued(
        **stored.ids,
        plan_version=event.number,
        issued_on=event.issued_on,
        issued_by=event.issued_by,
        review_deadline=review,
        revision_reason=reason,
        nhs_bodies_securing_alp=sorted(
            {e["provider_organisation"] for e in alp if e["provider_kind"] == "nhs_body"}
        ),
        alp_in_welsh=sum(1 for e in alp if e["in_welsh"]),
        alp_elements=len(alp),
        # the case whose decision version 1 gives (s.4(6)): its clocks end on the issue day
        determination_id=getattr(event, "determination_id", None),
    )


@public_event.register(Idp.Issued)
def _version_1(event: Issuing.Issued, stored: Stored) -> public.IdpEvent:
    return _issued(event, stored, None)


@public_event.register(Idp.Revised)
def _revised(event: Issuing.Revised, stored: Stored) -> public.IdpEvent:
    return _issued(event, stored, event.reason)


@public_event.register(Idp.ReviewRequested)
def _review_requested(event: Reviewing.ReviewRequested, stored: Stored) -> public.IdpEvent:
    return public.ReviewRequested(
        **stored.ids,
        requested_by_kind=event.requested_by_kind,
        requested_on=event.requested_on,
    )


@public_event.register(Idp.ReviewHeld)
def _review_held(event: Reviewing.ReviewHeld, stored: Stored) -> public.IdpEvent:
    return public.ReviewHeld(
        **stored.ids,
        held_on=event.held_on,
        outcome=event.outcome,
        next_review_deadline=deadline_facts(event.next_review_by),
    )


@public_event.register(Idp.Transferred)
def _transferred(event: Transferring.Transferred, stored: Stored) -> public.IdpEvent:
    before = event.from_maintainer
    if before is None:
        # Fallback for transfers stored before the maintainer before was carried on them only.
        before = stored.plan(stored.recorded.originator_version - 1).maintainer
    return public.ResponsibilityTransferred(
        **stored.ids,
        from_organisation=before["organisation"],
        to_kind=event.to["kind"],
        to_organisation=event.to["organisation"],
        reason=event.reason,
        transferred_on=event.transferred_on,
    )


@public_event.register(Idp.RevisionDirected)
def _revision_directed(event: Issuing.RevisionDirected, stored: Stored) -> public.IdpEvent:
    return public.RevisionDirected(
        **stored.ids,
        local_authority=event.local_authority,
        reconsideration_id=event.reconsideration_id,
        directed_on=event.directed_on,
    )


@public_event.register(Idp.CeaseProposed)
def _cease_proposed(event: Ending.CeaseProposed, stored: Stored) -> public.IdpEvent:
    return public.CeaseProposed(**stored.ids, proposed_on=event.proposed_on, reasons=event.reasons)


@public_event.register(Idp.Ceased)
def _ceased(event: Ending.Ceased, stored: Stored) -> public.IdpEvent:
    return public.Ceased(
        **stored.ids,
        decided_on=event.decided_on,
        reconsideration_window_until=event.reconsideration_window_until,
        reasons=event.reasons,
    )


@public_event.register(Idp.NoticeGiven)
def _notice_given(event: Noticing.NoticeGiven, stored: Stored) -> public.IdpEvent:
    return public.NoticeGivenRecorded(
        **stored.ids,
        notice_id=event.notice_id,
        notice_kind=event.kind,
        given_on=event.given_on,
        bounced_on=None,
        reconsideration_window_until=event.reconsideration_window_until,
        next_review_deadline=deadline_facts(event.next_review_by),
        quoted_until=event.quoted_until,
    )


@public_event.register(Idp.GivenNoticeBounced)
def _notice_bounced(event: Noticing.GivenNoticeBounced, stored: Stored) -> public.IdpEvent:
    return public.NoticeGivenRecorded(
        **stored.ids,
        notice_id=event.notice_id,
        notice_kind=event.kind,
        given_on=None,
        bounced_on=event.bounced_on,
        reconsideration_window_until=event.reconsideration_window_until,
        next_review_deadline=deadline_facts(event.next_review_by),
    )


@public_event.register(Idp.DeadlineRecalculated)
def _recalculated(event: Recalculating.DeadlineRecalculated, stored: Stored) -> public.IdpEvent:
    facts = deadline_facts(event.deadline)
    assert facts is not None
    return public.DeadlineRecalculated(
        **stored.ids,
        deadline_key=cast(Any, event.key),
        previous_due_on=event.previous["due_on"],
        previous_provisional=bool(event.previous["provisional"]),
        deadline=facts,
        reason=event.reason,
    )


@public_event.register(Idp.Closed)
def _closed(event: Ending.Closed, stored: Stored) -> public.IdpEvent:
    return public.Closed(
        **stored.ids,
        closed_on=event.closed_on,
        reason=event.reason,
    )


@public_event.register(Idp.ProvisionShortfallFound)
def _shortfall_found(event: Monitoring.ProvisionShortfallFound, stored: Stored) -> public.IdpEvent:
    return public.ProvisionShortfallFound(
        **stored.ids,
        element_id=event.element_id,
        provider_organisation=event.provider_organisation,
        maintaining_organisation=event.maintaining_organisation,
        found_on=event.found_on,
        since=event.since,
        kinds=[cast(public.ShortfallKind, kind) for kind in event.kinds],
        window_share=event.window_share,
    )


@public_event.register(Idp.ProvisionShortfallEnded)
def _shortfall_ended(event: Monitoring.ProvisionShortfallEnded, stored: Stored) -> public.IdpEvent:
    return public.ProvisionShortfallEnded(
        **stored.ids, element_id=event.element_id, ended_on=event.ended_on
    )


def translator(app: ChainedApplication) -> Translator:
    """The relay's translation of the IDP service's stored events."""

    def translate(recorded: RecordedEvent) -> Publication | None:
        facts = public_event(recorded.event, Stored(app, recorded))
        return Publication(facts, facts.learner_id) if facts is not None else None

    return translate
