"""The date a family is told is the date the system enforces (#17, ADR 0017).

The notifications service renders the notice of an LA's reconsideration decision as of the day
it is given and publishes that day; the disputes service computes the appeal window from the
published day. Over random given dates across two school years (Welsh bank holidays, Easter,
Christmas), the last day the notice tells the family, read back from the rendered text in Welsh
and in English, is the last day the disputes service accepts an appeal; the day after is
refused unless the Tribunal's President admits the appeal late.
"""

import re
import uuid
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts.determination import LearnerRelationsRecorded
from contracts.notifications import NoticeGiven
from disputes.application import DisputesService
from disputes.consumers import effect
from disputes.domain import (
    APPEAL_RULE,
    AppealMatter,
    AppellantKind,
    DecidingBodyKind,
    OutsideWindowError,
    Party,
    ReconsiderationKind,
)
from disputes.domain.learned import Decision, KnownDecision
from disputes.domain.notices import RECONSIDERATION
from llwybr.clock import DEFAULT_RULES
from llwybr.principal import Principal
from notifications.notices.model import Language, NoticeKind
from notifications.notices.rendering import MONTHS, Organisation, render
from notifications.notices.windows import window_for

LA, SCHOOL, LEARNER = "la:665", "school:6652001", "learner-told"
LA_CALLER = Principal("la-client", LA, frozenset())
TRIBUNAL = Principal("etw-client", "tribunal:etw", frozenset())
ORGANISATIONS = {
    LA: Organisation(LA, "Wrexham County Borough Council", "Cyngor Bwrdeistref Sirol Wrecsam"),
    SCHOOL: Organisation(SCHOOL, "Ysgol Example"),
}
KIND = NoticeKind.RECONSIDERATION_DECIDED
#: The sentence that states the last day to appeal, in each language.
TOLD = {
    "en": re.compile(r"must reach the Tribunal by (\d{1,2}) (\w+) (\d{4})"),
    "cy": re.compile(r"gyrraedd y Tribiwnlys erbyn (\d{1,2}) (\w+) (\d{4})"),
}


def nothing_learned(subject_id: uuid.UUID, decision: Decision) -> KnownDecision | None:
    return None


def told(text: str, language: str) -> date:
    """The last day to appeal, as the notice states it in ``language``."""
    found = TOLD[language].search(" ".join(text.split()))
    assert found is not None, text
    day, month, year = found.groups()
    return date(int(year), MONTHS[language].index(month) + 1, int(day))


def notice(given_on: date, decided_on: date) -> tuple[str, date | None]:
    """The family's notice as the notifications service gives it on ``given_on`` (both
    languages), and the window it publishes with it."""
    facts = {"kind": "R1", "school": SCHOOL, "local_authority": LA, "subject_case": "x",
             "body_kind": "local_authority", "outcome": "has_aln",
             "decided_on": decided_on.isoformat()}  # fmt: skip
    window = window_for(KIND, facts, given_on, DEFAULT_RULES)
    context = {"facts": facts, "recipient_name": "Siân Jones", "recipient_role": "parent",
               "copy": False, "learner_name": "Cerys", "learner_id": LEARNER, "issuer": LA,
               "local_authority": LA, "given_on": given_on, "window": window,
               "notice_id": "notice-1"}  # fmt: skip
    rendered = render(KIND, Language.BOTH, context, ORGANISATIONS)
    return rendered.text, window.until if window else None


def decided_reconsideration(service: DisputesService, decided_on: date) -> uuid.UUID:
    service.save(*service.adopt_learner(LearnerRelationsRecorded(
        learner_id=LEARNER, responsible_authority=LA, enrolled_at=[SCHOOL],
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1),
    )))  # fmt: skip
    case_id, _ = service.request_reconsideration(
        LA_CALLER, nothing_learned, kind=ReconsiderationKind.R1, subject_id=uuid.uuid4(),
        school=SCHOOL, decided_by_kind=DecidingBodyKind.SCHOOL, requested_by_kind=Party.FAMILY,
        requested_on=decided_on - timedelta(days=30), cease_notice_given_on=None,
        learner_id=LEARNER, requested_by="Parent",
    )  # fmt: skip
    service.invite_representations(LA_CALLER, case_id, None, from_party=Party.GOVERNING_BODY,
                                   invited_on=decided_on - timedelta(days=29))  # fmt: skip
    service.decide_reconsideration(LA_CALLER, case_id, None, decided_on=decided_on,
                                   outcome="has_aln", reasons="Needs ALP")  # fmt: skip
    return case_id


def lodge(service: DisputesService, case_id: uuid.UUID, on: date, *, admitted: bool) -> bool:
    """Whether the Tribunal's appeal lodged ``on`` is late (refused when not admitted)."""
    appeal_id, _ = service.lodge_appeal(
        TRIBUNAL, nothing_learned, reconsideration_id=case_id, subject_id=None,
        matter=AppealMatter.LA_RECONSIDERATION_DECISION, respondent=LA, notice_given_on=None,
        learner_id=LEARNER, learner_is_young_person=False, appellant_kind=AppellantKind.PARENT,
        appellant="Parent", lodged_on=on, late_admitted_by_president=admitted,
        admission_reference="ETW/P/1" if admitted else None,
    )  # fmt: skip
    return service.appeal(TRIBUNAL, appeal_id).late


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    given_on=st.dates(date(2025, 9, 1), date(2027, 7, 31)),
    recorded_days_earlier=st.integers(0, 14),
)
def test_the_last_day_a_notice_tells_is_the_last_day_an_appeal_is_accepted(
    given_on: date, recorded_days_earlier: int
) -> None:
    # the LA decided, and recorded its own notice, up to two weeks before the email was sent
    decided_on = given_on - timedelta(days=recorded_days_earlier)
    text, published_until = notice(given_on, decided_on)
    last_day = told(text, "en")
    assert told(text, "cy") == last_day == published_until
    service = DisputesService({"LLWYBR_ALLOW_POPO": "y"})
    try:
        case_id = decided_reconsideration(service, decided_on)
        service.issue_reconsideration_notice(LA_CALLER, case_id, None, issued_on=decided_on,
                                             recipients=["family"])  # fmt: skip
        service.save(*effect(NoticeGiven(
            notice_id=uuid.uuid4(), learner_id=LEARNER, kind=KIND.value,
            subject_id=str(case_id), issuer=LA, recipient_role="parent",
            recipient_organisation=None, channel="email", content_sha256="0" * 64,
            delivered_at=datetime.combine(given_on, datetime.min.time(), UTC),
            given_on=given_on, window_kind="appeal", window_rule="D18",
            window_until=published_until,
        ), service))  # fmt: skip
        # computed by the disputes service from the published day, not copied from the notice
        notices = service.family_notices(case_id, RECONSIDERATION)
        assert notices is not None
        assert notices.window == service.deadline(APPEAL_RULE, given_on)
        assert lodge(service, case_id, last_day, admitted=False) is False
        try:
            lodge(service, case_id, last_day + timedelta(days=1), admitted=False)
        except OutsideWindowError:
            pass
        else:
            raise AssertionError(f"an appeal the day after {last_day} was accepted")
        assert lodge(service, case_id, last_day + timedelta(days=1), admitted=True) is True
    finally:
        service.close()
