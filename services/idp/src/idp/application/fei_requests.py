"""An LA asks an FEI to maintain its plan (s.36): the request, the FEI's answer, and the Welsh
Ministers' determination the LA records after a refusal. The plan moves only on agreement or
determination; the FEI answers on D13, from its receipt of the request."""

from datetime import date
from uuid import UUID

from idp import access
from idp.application.calendars import CalendarDeadlines
from idp.application.drafts import Drafts
from idp.domain import TRANSFER, Maintainer, MaintainerKind
from llwybr.clock import RuleId
from llwybr.principal import Principal


class FeiRequests(Drafts, CalendarDeadlines):
    """The LA → FEI request and what settles it."""

    def ask_fei(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        fei: str,
        requested_on: date,
        received_on: date,
        expected_version: int | None,
    ) -> int:
        """The LA maintaining the plan asks an FEI the learner is enrolled at to maintain it;
        the FEI's answer is due on D13 from ``received_on``, counted on the FEI's calendar
        (provisional until it is published, then recounted: ``CalendarDeadlines``)."""
        plan = self._maintainer(principal, idp_id, expected_version)
        learner = self.learner_relations(plan.learner_id)
        access.require_may_maintain(fei, MaintainerKind.FEI, learner)
        plan.ask_fei(
            fei=Maintainer(MaintainerKind.FEI, fei),
            requested_on=requested_on,
            received_on=received_on,
            deadline=self.counted_deadline(RuleId.D13, received_on, [fei]),
        )
        return self.save_at(expected_version, plan, *self.note_on_calendars(plan, TRANSFER, [fei]))

    def answer_fei_request(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        agreed: bool,
        answered_on: date,
        expected_version: int | None,
    ) -> int:
        """The FEI asked agrees (and maintains the plan from then on) or refuses."""
        plan = self._load(principal, idp_id, expected_version, access.require_asked_fei)
        plan.answer_fei_request(agreed=agreed, answered_on=answered_on)
        return self.save_at(expected_version, plan)

    def record_ministers_determination(
        self,
        principal: Principal,
        idp_id: UUID,
        *,
        fei_maintains: bool,
        determined_on: date,
        expected_version: int | None,
    ) -> int:
        """The LA records the Welsh Ministers' determination on its referral."""
        plan = self._maintainer(principal, idp_id, expected_version)
        plan.record_ministers_determination(
            fei_maintains=fei_maintains, determined_on=determined_on
        )
        return self.save_at(expected_version, plan)
