"""The IDP service layer's base: the rule table and learner facts it follows, the queries,
and the one command shape every command takes (``idp.application``)."""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from idp import access
from idp.domain import (
    Idp,
    PlanOfLearner,
    legacy_idp_id,
    plan_index_id,
)
from idp.domain.provision import ShortfallPolicy
from idp.rendering import IdpDocument
from idp.settings import PREPARATION_REMINDER_DAYS
from idp.views import PlanView, ProvisionView, document_of, plan_view
from llwybr.access import Capability, Relations, not_found, require
from llwybr.calendars import FollowsCalendars
from llwybr.clock import Deadline, RuleId, TermCalendar, compute_deadline
from llwybr.learners import FollowsLearners, LearnerKnown
from llwybr.principal import Principal
from llwybr.rule_table import FollowsRuleTable

Check = Callable[[Principal, Idp, Relations], None]
#: The calendars read over one round of many plans, by id (None: none published)
Calendars = dict[str, TermCalendar | None]
#: ``Settings.preparation_reminder_days``'s default, for an application built without it
DEFAULT_REMINDER_DAYS = 28


def may_read(principal: Principal, plan: Idp, relations: Relations) -> None:
    require(principal, Capability.READ, relations)


def may_act(principal: Principal, plan: Idp, relations: Relations) -> None:
    require(principal, Capability.ACT, relations)


class PlanStore(FollowsRuleTable, FollowsLearners, FollowsCalendars):
    """Plans, read the one way: the caller's access checked on the plan loaded."""

    # -- the rule table in force ----------------------------------------------------------

    @property
    def preparation_reminder_days(self) -> int:
        """``Settings.preparation_reminder_days``, passed in the application's env."""
        return int(self.env.get(PREPARATION_REMINDER_DAYS) or DEFAULT_REMINDER_DAYS)

    def deadline(self, rule: RuleId, trigger: date) -> Deadline:
        """``rule`` applied to ``trigger`` under the table in force."""
        return compute_deadline(self.rule_table(), rule, trigger)

    # -- queries --------------------------------------------------------------------------

    def plan(self, principal: Principal, idp_id: UUID, today: date) -> PlanView:
        """The plan, its deadlines judged on ``today``."""
        return plan_view(self._readable(principal, idp_id), today)

    def issued_version(self, principal: Principal, idp_id: UUID, number: int) -> dict[str, Any]:
        """Issued version ``number`` exactly as frozen."""
        return self._readable(principal, idp_id).issued_version(number)

    def version_document(self, principal: Principal, idp_id: UUID, number: int) -> IdpDocument:
        """Issued version ``number`` as the standard form lays it out (for the PDF)."""
        plan = self._readable(principal, idp_id)
        return document_of(plan, plan.issued_version(number))

    def provision(
        self, principal: Principal, idp_id: UUID, *, as_of: date, policy: ShortfallPolicy
    ) -> ProvisionView:
        """The plan's provision planned against delivered on ``as_of``: for whoever may read
        the plan (its maintainer, its providers, the learner's LAs, their auditors)."""
        plan = self._readable(principal, idp_id)
        calendar = self.plan_calendar(plan)
        return ProvisionView(
            id=plan.id,
            as_of=as_of,
            calendar=calendar.label if calendar is not None else None,
            elements=[e.as_dict() for e in plan.provision(calendar, as_of=as_of, policy=policy)],
        )

    def unmeasurable(self, principal: Principal, idp_id: UUID) -> list[str]:
        """The elements of the version in force whose delivery cannot be measured (no
        schedule): the warning an issue or a revision answers with."""
        return self._readable(principal, idp_id).unmeasurable_elements()

    def provision_to_date(
        self, idp_ids: Iterable[str], *, as_of: date, policy: ShortfallPolicy
    ) -> dict[tuple[str, str], dict[str, Any]]:
        """(plan id, element id) -> its figures to ``as_of`` (what ``provision`` shows, and the
        calendar counted on), for rows of a report the caller's audience already chose."""
        figures: dict[tuple[str, str], dict[str, Any]] = {}
        calendars: Calendars = {}
        for idp_id in dict.fromkeys(idp_ids):
            plan = self.get_as(UUID(idp_id), Idp)
            calendar = self.plan_calendar(plan, calendars)
            label = calendar.label if calendar is not None else None
            for element in plan.provision(calendar, as_of=as_of, policy=policy):
                figures[idp_id, element.element_id] = {**element.as_dict(), "calendar": label}
        return figures

    def judge_provision(
        self,
        idp_id: UUID,
        *,
        on: date,
        policy: ShortfallPolicy,
        calendars: Calendars | None = None,
    ) -> tuple[list[str], bool]:
        """The system's daily judgement of a plan's provision (``idp.monitor``): a shortfall
        found or ended is recorded (and so published). The element ids that changed, and
        whether the plan was counted on a calendar (False: no calendar known, not judged).
        ``calendars`` keeps the calendars read over one round (each read once, not per plan)."""
        plan = self.get_as(idp_id, Idp)
        calendar = self.plan_calendar(plan, calendars)
        changed = plan.judge_provision(plan.provision(calendar, as_of=on, policy=policy), on)
        if changed:
            self.save(plan)
        return changed, calendar is not None

    def plan_calendar(self, plan: Idp, calendars: Calendars | None = None) -> TermCalendar | None:
        """The calendar a plan's term-time provision counts on: its maintaining school's or
        FEI's own, else its learner's responsible LA's (as published by their owner)."""
        own = self._calendar(plan.maintainer["organisation"], calendars)
        if own is not None:
            return own
        known = self.learner_known(plan.learner_id)
        if known is None:
            return None
        return self._calendar(known.published.responsible_authority, calendars)

    def _calendar(self, calendar_id: str, calendars: Calendars | None) -> TermCalendar | None:
        if calendars is None:
            return self.calendar(calendar_id)
        if calendar_id not in calendars:
            calendars[calendar_id] = self.calendar(calendar_id)
        return calendars[calendar_id]

    def _readable(self, principal: Principal, idp_id: UUID) -> Idp:
        return self._load(principal, idp_id, None, may_read)

    def relations(self, plan: Idp) -> Relations:
        """Who is related to the plan, and how: the learner's relationships (the registry's
        facts) and the plan's own (``access.relations_of``)."""
        return self.learner_relations(plan.learner_id) | access.relations_of(plan)

    def relations_of_aggregate(self, aggregate: object) -> Relations:
        """The relations of any record in this store, as loaded now: the hook the history
        endpoints ask (``llwybr.history_access``). An index or the rule table: nobody's."""
        if isinstance(aggregate, Idp):
            return self.relations(aggregate)
        if isinstance(aggregate, LearnerKnown):
            return aggregate.relations()
        return Relations()

    # -- the one command shape ------------------------------------------------------------

    def _load(
        self, principal: Principal, idp_id: UUID, expected_version: int | None, may: Check
    ) -> Idp:
        """The command's one read, and who may act checked on it. A caller who may not see the
        plan learns nothing from ``If-Match``: access is checked before the version; nor from
        the answer: a plan it may not see is answered as one that does not exist."""
        try:
            return self.load(
                idp_id,
                Idp,
                expected_version,
                may=lambda plan: may(principal, plan, self.relations(plan)),
            )
        except AggregateNotFoundError:
            raise not_found() from None

    def _maintainer(self, principal: Principal, idp_id: UUID, expected: int | None) -> Idp:
        return self._load(principal, idp_id, expected, access.require_maintainer)

    def _drafter(self, principal: Principal, idp_id: UUID, expected: int | None) -> Idp:
        """The maintainer, or an LA whose reconsideration directed a revision (s.27)."""
        return self._load(principal, idp_id, expected, access.require_drafter)

    # -- other services' public events --------------------------------------------------

    def plan_of(self, learner_id: str) -> Idp | None:
        """The learner's plan, if one was opened: by its index entry, or, for a plan stored
        before ids were random, by the id it was given then."""
        try:
            entry = self.get_as(plan_index_id(learner_id), PlanOfLearner)
        except AggregateNotFoundError:
            plan_id = legacy_idp_id(learner_id)
        else:
            plan_id = entry.idp_id
        try:
            return self.get_as(plan_id, Idp)
        except AggregateNotFoundError:
            return None
