"""Names and free text in an appeal's events (the appellant, case statements, review grounds,
capacity declarations, case friends, compliance evidence, NHS reports) and a reconsideration's
representations are sealed with the learner's key (issue 23, ADR 0023): ciphertext in the
store, plaintext to a reader, None once the key is destroyed; the case still loads and its
chain verifies. SQLite and PostgreSQL, a real vault."""

import uuid
from datetime import date

from disputes.application import DisputesService
from disputes.domain import (
    AppealMatter,
    AppellantKind,
    DecidingBodyKind,
    Order,
    OrderKind,
    Party,
    Recommendation,
    ReconsiderationKind,
)

from .test_personal_data import cases_with_free_text, raw, service  # noqa: F401  (fixture)
from .test_publisher import LA, LHB, TRIBUNAL, nothing_learned

SECRETS = (
    "Rhian Jones, mother",
    "Cerys needs weekly speech therapy",
    "The LA ignored the OT report",
    "Cerys Jones",
    "Aunt Megan Davies",
    "Moved abroad with the family",
    "IDP section 2 rewritten with the family",
    "Assessment booked at Ysbyty Gwynedd",
    "The school's account of the reviews",
)


def appeal_with_free_text(app: DisputesService, learner: str) -> uuid.UUID:
    case_id, _, _ = cases_with_free_text(app, learner)
    appeal_id, _ = app.lodge_appeal(
        TRIBUNAL, nothing_learned, reconsideration_id=case_id, subject_id=None,
        matter=AppealMatter.LA_RECONSIDERATION_DECISION, respondent="la:665",
        notice_given_on=None, learner_id=learner, learner_is_young_person=False,
        appellant_kind=AppellantKind.PARENT, appellant=SECRETS[0], lodged_on=date(2026, 5, 4),
    )  # fmt: skip
    app.acknowledge_appeal(TRIBUNAL, appeal_id, None, acknowledged_on=date(2026, 5, 6),
                               tribunal_reference="ETW-1")  # fmt: skip
    app.file_case_statement(TRIBUNAL, appeal_id, None, party="appellant",
                                filed_on=date(2026, 5, 20), summary=SECRETS[1])  # fmt: skip
    app.declare_capacity(TRIBUNAL, appeal_id, None, declared_on=date(2026, 5, 21),
                             person=SECRETS[3], has_capacity=False)  # fmt: skip
    app.appoint_case_friend(TRIBUNAL, appeal_id, None, appointed_on=date(2026, 5, 22),
                                case_friend=SECRETS[4])  # fmt: skip
    app.remove_case_friend(TRIBUNAL, appeal_id, None, removed_on=date(2026, 5, 23),
                               reason=SECRETS[5])  # fmt: skip
    app.decide_appeal(
        TRIBUNAL, appeal_id, None, decided_on=date(2026, 7, 13), outcome="orders",
        orders=[Order("o1", OrderKind.MAINTAIN_IDP, "la:665", "Maintain the IDP", None)],
        recommendations=[Recommendation("rec1", "lhb:7A1", "Assess", None)],
    )  # fmt: skip
    app.apply_for_review(TRIBUNAL, appeal_id, None, applied_on=date(2026, 7, 20),
                             by=SECRETS[0], grounds=SECRETS[2])  # fmt: skip
    app.record_compliance(LA, appeal_id, None, "o1", lambda _plan, _version: None,
                              complied_on=date(2026, 8, 1), evidence=SECRETS[6],
                              idp_revision=None)  # fmt: skip
    app.report_on_recommendation(LHB, appeal_id, None, "rec1",
                                     reported_on=date(2026, 8, 3), report=SECRETS[7])  # fmt: skip
    return appeal_id


def test_an_appeals_names_and_free_text_are_ciphertext_stored_and_plain_to_a_reader(
    service: DisputesService,  # noqa: F811  (the fixture)
) -> None:
    appeal_id = appeal_with_free_text(service, f"l-{uuid.uuid4().hex[:8]}")
    assert [s for s in SECRETS if s in raw(service, appeal_id)] == []
    appeal = service.appeal(TRIBUNAL, appeal_id)
    assert appeal.appellant == SECRETS[0]
    assert [s.summary for s in appeal.case_statements] == [SECRETS[1]]
    assert [(r.by, r.grounds) for r in appeal.review_applications] == [(SECRETS[0], SECRETS[2])]
    assert [c.person for c in appeal.capacity_declarations] == [SECRETS[3]]
    assert appeal.case_friend_history[0].case_friend == SECRETS[4]
    removed = appeal.case_friend_history[0].removed
    assert removed is not None
    assert removed.reason == SECRETS[5]
    assert [c.evidence for c in appeal.compliance("o1")] == [SECRETS[6]]
    report = appeal.report("rec1")
    assert report is not None
    assert report.report == SECRETS[7]


def test_a_reconsiderations_representations_and_requester_are_sealed(
    service: DisputesService,  # noqa: F811  (the fixture)
) -> None:
    learner = f"l-{uuid.uuid4().hex[:8]}"
    cases_with_free_text(service, learner)  # the learner's relations, known here
    case_id, _ = service.request_reconsideration(
        LA, nothing_learned, kind=ReconsiderationKind.R1, subject_id=uuid.uuid4(),
        school="school:6652001", decided_by_kind=DecidingBodyKind.SCHOOL,
        requested_by_kind=Party.FAMILY, requested_on=date(2026, 3, 2),
        cease_notice_given_on=None, learner_id=learner, requested_by="Parent of Cerys",
    )  # fmt: skip
    service.invite_representations(LA, case_id, None, invited_on=date(2026, 3, 3),
                                   from_party=Party.GOVERNING_BODY)  # fmt: skip
    service.receive_representations(LA, case_id, None, received_on=date(2026, 3, 10),
                                    summary=SECRETS[8])  # fmt: skip
    stored = raw(service, case_id)
    assert [s for s in (SECRETS[8], "Parent of Cerys") if s in stored] == []
    case = service.reconsideration(LA, case_id)
    assert case.requested_by == "Parent of Cerys"
    assert case.representations[0]["summary"] == SECRETS[8]


def test_once_erased_the_appeal_loads_with_none_for_its_personal_fields_and_verifies(
    service: DisputesService,  # noqa: F811  (the fixture)
) -> None:
    learner, other = f"l-{uuid.uuid4().hex[:8]}", f"l-{uuid.uuid4().hex[:8]}"
    appeal_id = appeal_with_free_text(service, learner)
    kept_id = appeal_with_free_text(service, other)
    assert service.vault is not None
    service.vault.shred(learner, erased_on=date(2051, 1, 1), erased_by="la:665", schedule="S1")
    appeal = service.appeal(TRIBUNAL, appeal_id)
    erased: list[object] = [
        appeal.appellant,
        appeal.case_statements[0].summary,
        appeal.review_applications[0].grounds,
        appeal.capacity_declarations[0].person,
        appeal.case_friend_history[0].case_friend,
        appeal.compliance("o1")[0].evidence,
    ]
    assert erased == [None] * len(erased)
    assert appeal.status.value == "closed"  # the facts that are not personal stay
    assert service.verify(appeal_id).ok
    assert service.appeal(TRIBUNAL, kept_id).appellant == SECRETS[0]
