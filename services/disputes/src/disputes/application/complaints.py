"""Complaints about a learner's case, recorded by the LA responsible for the learner (issue 23):
while one is open the learner's personal data is on legal hold. This service owns whether a
complaint is open and publishes it; the learner registry records the hold as told."""

from typing import Any
from uuid import UUID

from disputes import access
from disputes.application.arrangements import Arrangements
from disputes.domain import Complaint
from llwybr.access import Capability, denied
from llwybr.principal import Principal


class Complaints(Arrangements):
    """Complaints: opened and closed by the LA responsible for the learner."""

    def _require_responsible(self, principal: Principal, learner_id: str) -> None:
        """The LA responsible for the learner (the registry's fact) keeps its complaints: a
        caller that may not see the learner gets the one 404, another LA a 403."""
        self.require_on_learner(principal, Capability.START, learner_id)
        access.require_la(principal)
        responsible = self.reconsidering_authority(learner_id)
        if principal.organisation != responsible:
            raise denied("not-responsible-la", f"{responsible} keeps the learner's complaints")

    def open_complaint(
        self, principal: Principal, *, learner_id: str, **details: Any
    ) -> tuple[UUID, int]:
        """A complaint the responsible LA received about the learner's case."""
        self._require_responsible(principal, learner_id)
        complaint = Complaint.open(
            learner_id=learner_id, local_authority=principal.organisation, **details
        )
        return complaint.id, self.save_at(None, complaint)

    def complaint(self, principal: Principal, complaint_id: UUID) -> Complaint:
        """A complaint the caller may see (the learner's LAs and the jurisdiction's auditors)."""
        return self._read(complaint_id, Complaint, principal, Capability.READ)

    def close_complaint(
        self, principal: Principal, complaint_id: UUID, expected: int | None, **closure: Any
    ) -> int:
        """The LA that keeps the complaint closes it: the hold it placed ends."""

        def keeps(complaint: Complaint) -> None:
            access.require_keeper(principal, complaint.local_authority)

        complaint = self._read(complaint_id, Complaint, principal, Capability.ACT, expected, keeps)
        complaint.close(**closure)
        return self.save_at(expected, complaint)
