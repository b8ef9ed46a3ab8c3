"""The learner's personal fields sealed per learner in the store, opened on read, and erased by
destroying their key (issue 23, ADR 0023), on SQLite and PostgreSQL with a real vault."""

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest

from contracts import determination as public
from contracts import disputes
from contracts.envelope import Envelope
from contracts.events import parse
from determination.application import DeterminationService
from determination.domain.errors import InvalidLearnerError, LegalHoldError
from determination.domain.values import ProvisionLevel
from determination.publisher import translator
from llwybr.consumer import ApplicationEffect
from llwybr.problems import ProblemError
from llwybr_testkit import published_envelopes

from .test_application import LA, SCHOOL, at, decided_at_school, pupil, raise_at_school


def raw_rows(service: DeterminationService, aggregate_id: UUID) -> str:
    """The aggregate's stored rows as they are in the database (no decoding)."""
    return "".join(bytes(s.state).decode() for s in service.recorder.select_events(aggregate_id))


def test_names_and_date_of_birth_are_ciphertext_in_the_store(
    service: DeterminationService,
) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    for aggregate_id in (UUID(raised.learner_id), raised.determination_id):
        stored = raw_rows(service, aggregate_id)
        assert "pd1:" in stored
        assert "Cerys" not in stored
        assert "Jones" not in stored
        assert "2017-05-02" not in stored


def test_a_read_opens_the_seals(service: DeterminationService) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    view = service.learner(LA, raised.learner_id)
    assert (view.given_name, view.family_name) == ("Cerys", "Jones")
    assert view.date_of_birth == date(2017, 5, 2)
    assert view.personal_data_erased is None


def test_an_erased_learner_reads_as_erased_and_still_verifies(
    service: DeterminationService,
) -> None:
    case_id = decided_at_school(service)
    learner_id = str(service.determination(LA, case_id).learner["learner_id"])
    other = service.raise_concern(
        SCHOOL, at("school:6652001", pupil(given_name="Osian"), date(2026, 3, 3), "o-1")
    )
    view = service.erase_personal_data(
        LA, learner_id, erased_on=date(2051, 5, 2), schedule="aln-file-25", recorded_by="la:665"
    )
    assert view.personal_data_erased == (
        "personal data erased on 2051-05-02 under schedule aln-file-25"
    )
    again = service.learner(LA, learner_id)
    assert (again.given_name, again.family_name, again.date_of_birth) == (None, None, None)
    assert again.compulsory_school_age_on == view.compulsory_school_age_on  # access still works
    case = service.determination(LA, case_id)  # the case still loads, its learner unnamed
    assert case.learner["given_name"] is None
    assert service.verify(UUID(learner_id)).ok
    assert service.verify(case_id).ok
    assert service.verify_all().ok
    assert service.learner(LA, other.learner_id).given_name == "Osian"


def test_a_repeated_erasure_changes_nothing_more(service: DeterminationService) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    first = service.erase_personal_data(
        LA, raised.learner_id, erased_on=date(2051, 5, 2), schedule="S1", recorded_by="la:665"
    )
    again = service.erase_personal_data(
        LA, raised.learner_id, erased_on=date(2052, 1, 1), schedule="S2", recorded_by="la:665"
    )
    assert again.version == first.version
    assert again.personal_data_erased == first.personal_data_erased


def test_only_the_responsible_la_erases(service: DeterminationService) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    with pytest.raises(ProblemError):
        service.erase_personal_data(
            SCHOOL, raised.learner_id, erased_on=date(2051, 5, 2), schedule="S1",
            recorded_by="school:6652001",
        )  # fmt: skip
    assert service.learner(LA, raised.learner_id).given_name == "Cerys"


def test_an_erased_learner_cannot_be_named_in_a_new_concern(
    service: DeterminationService,
) -> None:
    case_id = decided_at_school(service)  # closed: a new concern may be raised
    learner_id = str(service.determination(LA, case_id).learner["learner_id"])
    service.erase_personal_data(
        LA, learner_id, erased_on=date(2026, 3, 21), schedule="S1", recorded_by="la:665"
    )
    with pytest.raises(InvalidLearnerError):
        service.raise_concern(LA, at("la:665", pupil(learner_id), date(2026, 3, 22)))


def a_case_with_free_text(service: DeterminationService) -> UUID:
    """A case whose graduated response, evidence request and decision carry free text about
    the learner; decided by the school."""
    case_id = raise_at_school(service, date(2026, 3, 2))
    service.record_graduated_response(
        SCHOOL, case_id, level=ProvisionLevel.TARGETED, description="Struggles with phonics",
        small_steps_targets=["Reads ten sight words"],
        termly_reviews=[{"reviewed_on": "2026-01-10", "outcome": "Slow progress noted"}],
        recorded_on=date(2026, 3, 3), recorded_by="school:6652001",
    )  # fmt: skip
    service.request_evidence(
        SCHOOL, case_id, request_id="r-1", from_organisation="la:665",
        description="Speech therapist's report on her stammer", requested_on=date(2026, 3, 4),
    )  # fmt: skip
    service.decide(
        SCHOOL, case_id, has_aln=False, reasons="Anxiety at home explains the dip",
        decided_on=date(2026, 3, 20), decided_by="school:6652001", person="ALNCo",
    )  # fmt: skip
    return case_id


FREE_TEXT = (
    "Struggles with phonics",
    "Reads ten sight words",
    "Slow progress noted",
    "stammer",
    "Anxiety at home",
)


def test_free_text_about_the_learner_is_ciphertext_in_the_store_and_plain_through_reads(
    service: DeterminationService,
) -> None:
    case_id = a_case_with_free_text(service)
    stored = raw_rows(service, case_id)
    assert [text for text in FREE_TEXT if text in stored] == []
    assert stored.count("pd1:") >= 8  # names, DOB, 3 graduated-response fields, 2 more
    case = service.determination(LA, case_id)
    assert case.graduated_response[0]["description"] == "Struggles with phonics"
    assert case.graduated_response[0]["small_steps_targets"] == ["Reads ten sight words"]
    assert case.graduated_response[0]["termly_reviews"][0]["outcome"] == "Slow progress noted"
    assert "stammer" in case.evidence_requests["r-1"]["description"]
    assert case.decision is not None
    assert case.decision["reasons"] == "Anxiety at home explains the dip"


def test_after_the_erasure_the_free_text_reads_as_erased_and_the_case_still_verifies(
    service: DeterminationService,
) -> None:
    case_id = a_case_with_free_text(service)
    learner_id = str(service.determination(LA, case_id).learner["learner_id"])
    service.erase_personal_data(
        LA, learner_id, erased_on=date(2051, 5, 2), schedule="aln-file-25", recorded_by="la:665"
    )
    case = service.determination(LA, case_id)
    assert case.graduated_response[0]["description"] is None
    assert case.graduated_response[0]["small_steps_targets"] is None
    assert case.evidence_requests["r-1"]["description"] is None
    assert case.decision is not None
    assert case.decision["reasons"] is None
    assert case.decision["has_aln"] is False  # the facts that are not personal stay
    assert service.verify(case_id).ok
    assert [text for text in FREE_TEXT if text in raw_rows(service, case_id)] == []


def test_the_erasure_is_published_for_the_services_that_hold_copies(
    service: DeterminationService,
) -> None:
    """The registry owns the erasure: it publishes the day and schedule, and the services
    that keep the learner's data in clear (notifications) drop it on that event."""
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    service.erase_personal_data(
        LA, raised.learner_id, erased_on=date(2051, 5, 2), schedule="aln-file-25",
        recorded_by="la:665",
    )  # fmt: skip
    envelopes = published_envelopes(service, translator(service))
    erased = [e for e in envelopes if e.type.endswith(".learner-personal-data-erased.v1")]
    assert [(e.subject, e.data) for e in erased] == [
        (
            raised.learner_id,
            {"learner_id": raised.learner_id, "erased_on": "2051-05-02",
             "schedule": "aln-file-25", "erased_by": "la:665"},
        )
    ]  # fmt: skip
    event = parse(erased[0].type, erased[0].data)
    assert isinstance(event, public.LearnerPersonalDataErased)
    assert event.describe() == "personal data erased on 2051-05-02 under schedule aln-file-25"


def test_an_appeal_lodged_holds_the_data_until_it_is_decided(
    service: DeterminationService,
) -> None:
    """Disputes owns whether the Tribunal case is open: the registry holds the learner's data
    from its ``appeal-lodged`` to its ``appeal-decided``, and refuses the erasure between."""
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    other = service.raise_concern(
        SCHOOL, at("school:6652001", pupil(given_name="Osian"), date(2026, 3, 3), "o-1")
    )
    appeal_id = uuid4()
    lodged = disputes.AppealLodged(
        learner_id=raised.learner_id, appeal_id=appeal_id, matter="decision", respondent="la:665",
        lodged_on=date(2026, 5, 1), late_admitted_by_president=False,
    )  # fmt: skip
    effect = ApplicationEffect(service, "determination.reconsiderations", service.on_public_event)
    assert effect.apply(_wrapped(lodged, 1)) is True
    assert service.learner(LA, raised.learner_id).legal_holds == [f"appeal:{appeal_id}"]
    assert service.learner(LA, other.learner_id).legal_holds == []
    with pytest.raises(LegalHoldError):
        service.erase_personal_data(
            LA, raised.learner_id, erased_on=date(2051, 5, 2), schedule="S1", recorded_by="la:665"
        )
    assert service.learner(LA, raised.learner_id).given_name == "Cerys"  # nothing changed

    decided = disputes.AppealDecided(
        learner_id=raised.learner_id, appeal_id=appeal_id, outcome="dismissed",
        decided_on=date(2026, 9, 1), orders=[], recommendations=[],
    )  # fmt: skip
    assert effect.apply(_wrapped(decided, 2)) is True
    assert service.learner(LA, raised.learner_id).legal_holds == []
    erased = service.erase_personal_data(
        LA, raised.learner_id, erased_on=date(2051, 5, 2), schedule="S1", recorded_by="la:665"
    )
    assert erased.personal_data_erased is not None


def test_an_open_complaint_holds_the_data_alongside_an_appeal_until_both_end(
    service: DeterminationService,
) -> None:
    """A complaint is a legal hold too (issue 23): the registry holds the data from its
    ``complaint-opened`` to its ``complaint-closed``, each hold lifted by its own end."""
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    learner, complaint_id, appeal_id = raised.learner_id, uuid4(), uuid4()
    effect = ApplicationEffect(service, "determination.reconsiderations", service.on_public_event)
    opened = disputes.ComplaintOpened(
        learner_id=learner,
        complaint_id=complaint_id,
        local_authority="la:665",
        opened_on=date(2026, 5, 1),
    )
    lodged = disputes.AppealLodged(
        learner_id=learner,
        appeal_id=appeal_id,
        matter="decision",
        respondent="la:665",
        lodged_on=date(2026, 5, 2),
        late_admitted_by_president=False,
    )
    assert effect.apply(_wrapped(opened, 1)) is True
    assert effect.apply(_wrapped(lodged, 2)) is True
    assert service.learner(LA, learner).legal_holds == sorted(
        [f"complaint:{complaint_id}", f"appeal:{appeal_id}"]
    )
    closed = disputes.ComplaintClosed(
        learner_id=learner, complaint_id=complaint_id, closed_on=date(2026, 6, 1)
    )
    assert effect.apply(_wrapped(closed, 3)) is True
    assert service.learner(LA, learner).legal_holds == [f"appeal:{appeal_id}"]
    with pytest.raises(LegalHoldError):  # the appeal still holds it
        service.erase_personal_data(
            LA, learner, erased_on=date(2051, 5, 2), schedule="S1", recorded_by="la:665"
        )


def _wrapped(event: disputes.DisputeEvent, version: int) -> Envelope:
    return Envelope.wrap(
        event, learner_id=event.learner_id, aggregate_id=UUID(int=7), aggregate_version=version,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip
