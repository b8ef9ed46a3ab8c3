"""Complaints (issue 23): the LA responsible for the learner opens and closes them; they are
published (``complaint-opened``, ``complaint-closed``) so the learner registry holds the
learner's personal data while one is open; who complained, about what and how it ended are
sealed with the learner's key. SQLite and PostgreSQL, a real vault."""

import uuid
from datetime import date

import pytest

from contracts import disputes as public
from contracts.determination import LearnerRelationsRecorded
from disputes.application import DisputesService
from disputes.domain import ComplaintStatus, DateOutOfOrderError, InvalidTransitionError
from disputes.publisher import translator
from llwybr.principal import Principal
from llwybr.problems import ProblemError

from .test_personal_data import raw, service  # noqa: F401  (the fixture)
from .test_publisher import LA, stored

OTHER_LA = Principal("powys-client", "la:666", frozenset())
SECRETS = ("Rhian Jones, mother", "The IDP review was three months late", "Apology and a date")


def known(app: DisputesService) -> str:
    learner = f"l-{uuid.uuid4().hex[:8]}"
    app.save(*app.adopt_learner(LearnerRelationsRecorded(
        learner_id=learner, responsible_authority="la:665", enrolled_at=["school:6652001"],
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1),
    )))  # fmt: skip
    return learner


def opened(app: DisputesService, learner: str) -> uuid.UUID:
    complaint_id, _ = app.open_complaint(
        LA, learner_id=learner, made_by=SECRETS[0], summary=SECRETS[1], opened_on=date(2026, 5, 4)
    )
    return complaint_id


def test_a_complaint_is_sealed_published_as_a_hold_and_closed_once(
    service: DisputesService,  # noqa: F811  (the fixture)
) -> None:
    learner = known(service)
    complaint_id = opened(service, learner)
    service.close_complaint(LA, complaint_id, None, closed_on=date(2026, 6, 1),
                            outcome=SECRETS[2])  # fmt: skip
    assert [s for s in SECRETS if s in raw(service, complaint_id)] == []
    complaint = service.complaint(LA, complaint_id)
    assert (complaint.made_by, complaint.summary, complaint.outcome) == SECRETS
    assert complaint.status is ComplaintStatus.CLOSED
    translate = translator(service)
    mine = [r for r in stored(service) if r.originator_id == complaint_id]
    events = [p.event for r in mine if (p := translate(r)) is not None]
    assert events == [
        public.ComplaintOpened(learner_id=learner, complaint_id=complaint_id,
                               local_authority="la:665", opened_on=date(2026, 5, 4)),
        public.ComplaintClosed(learner_id=learner, complaint_id=complaint_id,
                               closed_on=date(2026, 6, 1)),
    ]  # fmt: skip
    with pytest.raises(InvalidTransitionError):
        service.close_complaint(LA, complaint_id, None, closed_on=date(2026, 6, 2), outcome="x")


def test_only_the_responsible_la_opens_a_complaint_and_dates_keep_their_order(
    service: DisputesService,  # noqa: F811  (the fixture)
) -> None:
    learner = known(service)
    with pytest.raises(ProblemError) as refused:
        service.open_complaint(OTHER_LA, learner_id=learner, made_by="x", summary="y",
                               opened_on=date(2026, 5, 4))  # fmt: skip
    assert refused.value.status == 404  # a learner the other LA may not see: the one 404
    complaint_id = opened(service, learner)
    with pytest.raises(DateOutOfOrderError):
        service.close_complaint(LA, complaint_id, None, closed_on=date(2026, 5, 3), outcome="z")


def test_once_erased_the_complaint_reads_none_and_verifies(
    service: DisputesService,  # noqa: F811  (the fixture)
) -> None:
    learner, other = known(service), known(service)
    complaint_id, kept = opened(service, learner), opened(service, other)
    assert service.vault is not None
    service.vault.shred(learner, erased_on=date(2051, 1, 1), erased_by="la:665", schedule="S1")
    complaint = service.complaint(LA, complaint_id)
    erased: tuple[object, ...] = (complaint.made_by, complaint.summary)  # typed str: None now
    assert erased == (None, None)
    assert complaint.status is ComplaintStatus.OPEN  # the facts that are not personal stay
    assert service.verify(complaint_id).ok
    assert service.complaint(LA, kept).made_by == SECRETS[0]
