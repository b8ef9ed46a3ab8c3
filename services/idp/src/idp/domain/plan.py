"""The Idp aggregate: one learner's Individual Development Plan (docs/domain.md sections 5 and 8).

A plan has one draft, edited freely, and issued versions 1, 2, ... that never change: issuing
freezes a snapshot of the draft, and later edits go to the draft, which becomes the next
version when revised. Around that runs the statutory life: reviews (12-month clock, family or
NHS requests), NHS ALP added, transfers, cease proposed then decided, and closure.

Deadlines and dates are decided by the caller (``llwybr.clock``) and stored in the events as
dicts; an event body only applies what it is given, so a replay rebuilds exactly the same plan.

``Idp`` is one aggregate made of parts by concern: each part (``drafting``, ``issuing``,
``reviews``, ``transfers``, ``ending``, ``deliveries``) declares its events, its commands and
the methods that apply its events. Here each event class is bound to the method that applies
it (``@event(EventClass)``), which makes it ``Idp.<Event>``: stored events are addressed by
``idp.domain.plan:Idp.<Event>``, as they always were.

A plan's id is random (the library's default): it tells nothing of the learner. One plan per
learner is kept by ``PlanOfLearner`` (``idp.domain.index``), saved with the plan.
"""

import uuid
from copy import deepcopy
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, CanMutateAggregate, event

from idp.domain.deliveries import Delivering
from idp.domain.drafting import Drafting
from idp.domain.ending import Ending
from idp.domain.errors import InvalidPlanContentError
from idp.domain.fei_requests import AskingFei
from idp.domain.issuing import Issuing
from idp.domain.notices import Noticing
from idp.domain.recalculation import Recalculating
from idp.domain.reviews import Reviewing
from idp.domain.shortfalls import Monitoring
from idp.domain.state import PREPARATION, PlanEvent, empty_draft
from idp.domain.transfers import Transferring
from idp.domain.values import (
    Maintainer,
    MaintainerKind,
    NoStatutoryLimit,
    OpeningReason,
    Status,
    TransferReason,
    as_enum,
)
from llwybr.clock import Deadline


class Idp(
    Drafting,
    Issuing,
    Reviewing,
    AskingFei,
    Transferring,
    Ending,
    Noticing,
    Recalculating,
    Delivering,
    Monitoring,
    Aggregate,
):
    """One learner's plan: its draft, its issued versions and its statutory life."""

    Event = PlanEvent

    class Opened(Aggregate.Created):
        """A plan is to be prepared for the learner."""

        learner_id: str
        maintainer: dict[str, Any]
        opened_on: date
        determination_id: uuid.UUID | None
        preparation_deadline: dict[str, Any] | None
        looked_after: bool
        reason: str
        #: no statutory limit was found for this preparation (``no_statutory_limit``); None
        #: when a deadline applies, and on plans opened before it was recorded
        preparation_without_limit: dict[str, Any] | None = None
        # The school the LA directed to maintain the plan it prepares (s.14): the plan passes
        # to it when issued. Plans opened before the choice was recorded lack it.
        directed_maintainer: dict[str, Any] | None = None

    @event(Opened)
    def __init__(
        self,
        learner_id: str,
        maintainer: dict[str, Any],
        opened_on: date,
        determination_id: uuid.UUID | None,
        preparation_deadline: dict[str, Any] | None,
        looked_after: bool,
        reason: str,
        preparation_without_limit: dict[str, Any] | None = None,
        directed_maintainer: dict[str, Any] | None = None,
    ) -> None:
        self.learner_id = learner_id
        self.directed_maintainer = deepcopy(directed_maintainer)
        self.maintainer = deepcopy(maintainer)
        self.opened_on = opened_on
        self.determination_id = determination_id
        self.looked_after = looked_after
        self.opening_reason = OpeningReason(reason)
        self.status = Status.DRAFT
        self.deadlines = {}
        if preparation_deadline is not None:
            self.deadlines[PREPARATION] = deepcopy(preparation_deadline)
        self.preparation_without_limit = deepcopy(preparation_without_limit)
        self.draft = empty_draft()
        self.versions = []
        self.revision_due = []
        self.revision_directions = []
        self.revision_orders = []
        self.review_requests = []
        self.reviews = []
        self.nhs_alp = []
        self.transfers = []
        self.fei_request = None
        self.cease = None
        self.cease_history = []
        self.closure = None
        self.deliveries = {}
        self.notices = {}
        self.review_periods = None
        self.last_dated_on = opened_on

    @classmethod
    def open(
        cls,
        *,
        learner_id: str,
        maintainer: Maintainer,
        opened_on: date,
        determination_id: uuid.UUID | None,
        preparation_deadline: Deadline | None,
        looked_after: bool,
        reason: OpeningReason,
        preparation_without_limit: NoStatutoryLimit | None = None,
        directed_maintainer: Maintainer | None = None,
    ) -> "Idp":
        """A plan is to be prepared for a learner found to have ALN, by ``maintainer``, by
        ``preparation_deadline`` (the D1-D4 deadline of the decision), or, where no statutory
        limit was found (the LA's plan after an R1 "has ALN"), with ``preparation_without_limit``
        recorded instead of a deadline; with ``directed_maintainer``, the LA prepares it and
        directs that school to maintain it (s.14), which it does from the plan's issue."""
        reason = as_enum(OpeningReason, reason, "reason")
        if not learner_id.strip():
            raise InvalidPlanContentError("a plan names its learner")
        if maintainer.kind is MaintainerKind.LA_LOOKING_AFTER and not looked_after:
            raise InvalidPlanContentError("an LA looking after maintains only a looked-after plan")
        if reason is OpeningReason.LA_DIRECTION and maintainer.is_local_authority:
            raise InvalidPlanContentError("an LA directs a school or FEI, not itself (s.14)")
        if directed_maintainer is not None and not (
            maintainer.is_local_authority and directed_maintainer.kind is MaintainerKind.SCHOOL
        ):
            raise InvalidPlanContentError("an LA preparing a plan directs a school to maintain it")
        return cls(
            learner_id=learner_id,
            maintainer=maintainer.as_dict(),
            opened_on=opened_on,
            determination_id=determination_id,
            preparation_deadline=(
                preparation_deadline.as_dict() if preparation_deadline is not None else None
            ),
            looked_after=looked_after,
            reason=reason.value,
            preparation_without_limit=(
                preparation_without_limit.as_dict()
                if preparation_without_limit is not None
                else None
            ),
            directed_maintainer=(
                directed_maintainer.as_dict() if directed_maintainer is not None else None
            ),
        )

    def issue(self, *, issued_on: date, review_by: Deadline, issued_by: str) -> None:
        """Version 1 (``Issuing.issue``); a plan the LA prepared and directed a school to
        maintain (s.14) passes to that school as it is issued."""
        super().issue(issued_on=issued_on, review_by=review_by, issued_by=issued_by)
        directed = self.directed_maintainer
        if directed is not None and directed != self.maintainer:
            self.transfer(
                to=Maintainer.from_dict(directed),
                reason=TransferReason.LA_DIRECTION,
                transferred_on=issued_on,
            )

    def trigger_event(
        self, event_class: type[CanMutateAggregate[uuid.UUID]], **kwargs: Any
    ) -> None:
        """Record an event of the plan, naming its learner (``PlanEvent.learner_id``)."""
        super().trigger_event(event_class, **{"learner_id": self.learner_id, **kwargs})

    # -- each part's events, bound to the methods that apply them -------------------------

    _set_section_1 = event(Drafting.Section1Set)(Drafting._set_section_1)
    _set_one_page_profile = event(Drafting.OnePageProfileSet)(Drafting._set_one_page_profile)
    _set_aln_description = event(Drafting.AlnDescriptionSet)(Drafting._set_aln_description)
    _add_alp_element = event(Drafting.AlpElementAdded)(Drafting._add_alp_element)
    _amend_alp_element = event(Drafting.AlpElementAmended)(Drafting._amend_alp_element)
    _remove_alp_element = event(Drafting.AlpElementRemoved)(Drafting._remove_alp_element)
    _set_welsh_language_decision = event(Drafting.WelshLanguageDecisionSet)(
        Drafting._set_welsh_language_decision
    )
    _set_la_extras = event(Drafting.LaExtrasSet)(Drafting._set_la_extras)
    _set_section_3 = event(Drafting.Section3Set)(Drafting._set_section_3)
    _set_lac_details = event(Drafting.LacDetailsSet)(Drafting._set_lac_details)

    _issue = event(Issuing.Issued)(Issuing._issue)
    _revise = event(Issuing.Revised)(Issuing._revise)
    _direct_revision = event(Issuing.RevisionDirected)(Issuing._direct_revision)
    _order_revision = event(Issuing.RevisionOrdered)(Issuing._order_revision)

    _request_review = event(Reviewing.ReviewRequested)(Reviewing._request_review)
    _decline_review = event(Reviewing.ReviewRequestDeclined)(Reviewing._decline_review)
    _hold_review = event(Reviewing.ReviewHeld)(Reviewing._hold_review)
    _add_nhs_alp = event(Reviewing.NhsAlpAdded)(Reviewing._add_nhs_alp)

    _transfer = event(Transferring.Transferred)(Transferring._transfer)
    _ask_fei = event(AskingFei.FeiAsked)(AskingFei._ask_fei)
    _answer_fei = event(AskingFei.FeiAnswered)(AskingFei._answer_fei)

    _propose_cease = event(Ending.CeaseProposed)(Ending._propose_cease)
    _withdraw_cease_proposal = event(Ending.CeaseProposalWithdrawn)(Ending._withdraw_cease_proposal)
    _decide_cease = event(Ending.Ceased)(Ending._decide_cease)
    _reinstate = event(Ending.Reinstated)(Ending._reinstate)
    _close = event(Ending.Closed)(Ending._close)

    _record_notice_given = event(Noticing.NoticeGiven)(Noticing._record_notice_given)
    _record_notice_bounced = event(Noticing.GivenNoticeBounced)(Noticing._record_notice_bounced)

    _recalculate_deadline = event(Recalculating.DeadlineRecalculated)(
        Recalculating._recalculate_deadline
    )

    _record_delivery = event(Delivering.DeliveryRecorded)(Delivering._record_delivery)

    _find_shortfall = event(Monitoring.ProvisionShortfallFound)(Monitoring._find_shortfall)
    _end_shortfall = event(Monitoring.ProvisionShortfallEnded)(Monitoring._end_shortfall)
