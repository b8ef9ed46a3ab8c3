"""Plans at each stage of their life, for the domain tests (given this history...)."""

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from idp.domain import (
    AlnDescription,
    AlpElement,
    Idp,
    LacDetails,
    Maintainer,
    MaintainerKind,
    OnePageProfile,
    OpeningReason,
    ProviderKind,
    ReviewOutcome,
    ReviewRequester,
    RevisionReason,
    Section1,
    Section3,
    Status,
    TransferReason,
)
from llwybr.clock import DEFAULT_RULES, Deadline, RuleId, compute_deadline

SCHOOL = Maintainer(MaintainerKind.SCHOOL, "school:6652001")
OTHER_SCHOOL = Maintainer(MaintainerKind.SCHOOL, "school:6652002")
LA = Maintainer(MaintainerKind.LOCAL_AUTHORITY, "la:665")
LA_LOOKING_AFTER = Maintainer(MaintainerKind.LA_LOOKING_AFTER, "la:665")
FEI = Maintainer(MaintainerKind.FEI, "fei:6659001")
LHB = "lhb:7A1"
DETERMINATION_ID = uuid.UUID("6a1f0f3e-7c0b-4d8e-9a55-2a4c8f1d0b11")
CONCERN_ON = date(2026, 2, 2)
OPENED_ON = date(2026, 3, 2)
ISSUED_ON = date(2026, 3, 19)

ELEMENT = AlpElement(
    element_id="e1",
    intended_outcome="Reads a short text aloud with 90% accuracy by July",
    provision="Structured phonics programme, one to one",
    delivered_by="Teaching assistant trained in the programme",
    frequency="3 sessions a week",
    duration="30 minutes each, for 2 terms",
    in_welsh=True,
    provider_kind=ProviderKind.SCHOOL,
    provider_organisation="school:6652001",
    start_on=date(2026, 4, 13),
    review_or_end_on=date(2026, 12, 18),
    rationale="Decoding is the main barrier found in the assessments",
)
NHS_ELEMENT = replace(
    ELEMENT,
    element_id="nhs1",
    provision="Speech and language therapy",
    delivered_by="Speech and language therapist",
    frequency="1 session a fortnight",
    duration="45 minutes, for 1 year",
    provider_kind=ProviderKind.NHS_BODY,
    provider_organisation=LHB,
)
LAC = LacDetails("IRO Sian Roberts", "la:665", "PEP-2026-017")


def preparation_deadline() -> Deadline:
    return compute_deadline(DEFAULT_RULES, RuleId.D1, CONCERN_ON)


def review_clock(day: date, rule_id: RuleId = RuleId.D14) -> Deadline:
    return compute_deadline(DEFAULT_RULES, rule_id, day)


def opened(maintainer: Maintainer = SCHOOL, *, looked_after: bool = False) -> Idp:
    return Idp.open(
        learner_id="l-1",
        maintainer=maintainer,
        opened_on=OPENED_ON,
        determination_id=DETERMINATION_ID,
        preparation_deadline=preparation_deadline(),
        looked_after=looked_after,
        reason=OpeningReason.ALN_DECISION,
    )


def drafted(maintainer: Maintainer = SCHOOL, *, looked_after: bool = False) -> Idp:
    return filled(opened(maintainer, looked_after=looked_after))


def filled(idp: Idp) -> Idp:
    """``idp`` with every section of the draft complete (the LAC part if looked after)."""
    looked_after = idp.looked_after
    idp.set_section_1(Section1("Cerys Jones", date(2017, 5, 2), "Welsh", "Child: not needed"))
    idp.set_one_page_profile(OnePageProfile("Kind, funny", "My dog, Mam", "Quiet space"))
    idp.set_aln_description(AlnDescription("Dyslexia", "Slow reading in all subjects", None))
    idp.add_alp_element(ELEMENT)
    idp.set_welsh_language_decision("ALP in Welsh: the learner's home and school language")
    idp.set_section_3(Section3("Educational psychologist report", "Transition at Year 6"))
    if looked_after:
        idp.set_lac_details(LAC)
    return idp


def issued(maintainer: Maintainer = SCHOOL, *, looked_after: bool = False) -> Idp:
    idp = drafted(maintainer, looked_after=looked_after)
    idp.issue(
        issued_on=ISSUED_ON,
        review_by=review_clock(ISSUED_ON, idp.review_rule),
        issued_by="ALNCo Ysgol Example",
    )
    return idp


def with_nhs_alp() -> Idp:
    """An issued plan, revised to include ALP secured by the health board."""
    idp = issued()
    idp.add_nhs_alp(NHS_ELEMENT, nhs_answer_reference="nhs-answer-9", added_on=date(2026, 5, 1))
    idp.revise(
        issued_on=date(2026, 5, 4),
        review_by=review_clock(date(2026, 5, 4)),
        reason=RevisionReason.NHS_ALP,
        issued_by="ALNCo",
    )
    return idp


def event_names(idp: Idp) -> list[str]:
    return [type(e).__name__ for e in idp.collect_events()]


def status_of(idp: Idp) -> Status:
    # read through a call: mypy would otherwise keep the first narrowed status in a test
    return idp.status


def state(idp: Idp) -> dict[str, Any]:
    return {k: v for k, v in vars(idp).items() if not k.startswith("_")}


def busy_plan() -> Idp:
    """A plan through most of its life, for the replay tests."""
    idp = with_nhs_alp()
    idp.record_delivery(
        element_id="nhs1",
        on=date(2026, 5, 6),
        delivered=False,
        sessions=None,
        minutes=None,
        missed_reason="Therapist off sick",
        recorded_by=LHB,
    )
    idp.request_review(
        requested_by_kind=ReviewRequester.FAMILY,
        organisation_or_person="parent",
        requested_on=date(2026, 6, 1),
        reason="r",
    )
    idp.hold_review(held_on=date(2026, 6, 10), outcome=ReviewOutcome.REVISED)
    idp.order_revision(
        appeal_id=uuid.UUID("0b8c1e52-3f55-4d1e-8d2f-6a1b9e0c4d21"),
        order_id="o1",
        addressed_to="la:665",
        ordered_on=date(2026, 6, 11),
        comply_by=date(2026, 7, 31),
    )
    idp.remove_alp_element("e1")
    idp.revise(
        issued_on=date(2026, 6, 12),
        review_by=review_clock(date(2026, 6, 12)),
        reason=RevisionReason.REVIEW,
        issued_by="ALNCo",
    )
    idp.transfer(to=LA, reason=TransferReason.LA_TAKE_OVER, transferred_on=date(2026, 9, 1))
    received = date(2026, 9, 3)
    d13 = compute_deadline(DEFAULT_RULES, RuleId.D13, received)
    idp.ask_fei(fei=FEI, requested_on=date(2026, 9, 2), received_on=received, deadline=d13)
    idp.answer_fei_request(agreed=False, answered_on=date(2026, 9, 20))
    idp.propose_cease(proposed_on=date(2027, 1, 4), reasons="Needs met")
    idp.decide_cease(
        decided_on=date(2027, 2, 1), reasons="Needs met", reconsideration_window_until=None
    )
    return idp
