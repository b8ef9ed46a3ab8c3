"""A looked-after child's notices: the LA looking after decides and maintains for the child
(s.15-19), so its notices list its own information and advice, disagreement resolution and
advocacy services, state the right of appeal, and tell the IRO of that right too."""

from datetime import date

import pytest

from llwybr.clock import DEFAULT_RULES
from notifications.notices.model import Language, NoticeKind, Role
from notifications.notices.rendering import Organisation, render
from notifications.notices.windows import WindowKind, windows_for

from .notice_facts import FACTS, GIVEN, LA, ORGANISATIONS, context

LOOKING_AFTER = "la:681"
CARDIFF = Organisation(
    LOOKING_AFTER,
    information_and_advice="Cardiff ALN advice line, 029 2000 0001",
    disagreement_resolution="Cardiff disagreement resolution, 029 2000 0002",
    independent_advocacy="Cardiff advocacy service, 029 2000 0003",
)
NO_ALN = {
    **FACTS[NoticeKind.DECISION_NO_ALN],
    "decided_by": LOOKING_AFTER,
    "body_kind": "la_looking_after",
    "reconsidering_authority": None,
}


def text(language: Language, role: str = "parent") -> str:
    kind = NoticeKind.DECISION_NO_ALN
    stated, _ = windows_for(kind, NO_ALN, GIVEN, DEFAULT_RULES, Role(role))
    values = context(
        kind, facts=NO_ALN, issuer=LOOKING_AFTER, recipient_role=role, window=stated
    )  # the learner's own LA (``local_authority``) stays Wrexham, where the child lives
    organisations = {**ORGANISATIONS, LOOKING_AFTER: CARDIFF}
    return " ".join(render(kind, language, values, organisations).text.split())


@pytest.mark.parametrize(
    ("language", "appeal"),
    [
        (Language.ENGLISH, "Your right to appeal"),
        (Language.WELSH, "Eich hawl i apelio"),
    ],
)
def test_the_la_looking_afters_no_aln_notice_lists_its_own_services_and_the_appeal_right(
    language: Language, appeal: str
) -> None:
    notice = text(language)
    assert appeal in notice
    assert "28 " in notice  # the date: 8 weeks beginning with 3 March 2026 end 28 April
    for service in ("029 2000 0001", "029 2000 0002", "029 2000 0003"):
        assert service in notice
    assert "01978 000000" not in notice  # the home LA's disagreement resolution
    assert "Wrexham" not in notice
    assert "Wrecsam" not in notice


@pytest.mark.parametrize(
    ("language", "appeal"),
    [
        (Language.ENGLISH, "The child, or the child\u2019s parent, can appeal"),
        (Language.WELSH, "Gall y plentyn, neu riant y plentyn, apelio"),
    ],
)
def test_the_iro_is_told_the_familys_right_of_appeal_and_its_date(
    language: Language, appeal: str
) -> None:
    notice = text(language, role="independent_reviewing_officer")
    assert appeal in notice
    assert "28 April 2026" in notice or "28 Ebrill 2026" in notice


def test_the_iros_notice_states_the_appeal_window_but_opens_none() -> None:
    kind = NoticeKind.DECISION_NO_ALN
    stated, opened = windows_for(kind, NO_ALN, GIVEN, DEFAULT_RULES, Role.IRO)
    assert stated is not None
    assert (stated.kind, stated.until, opened) == (WindowKind.APPEAL, date(2026, 4, 28), None)
    parent = windows_for(kind, NO_ALN, GIVEN, DEFAULT_RULES, Role.PARENT)
    assert parent == (stated, stated)


def test_the_iro_is_told_of_no_right_that_is_only_the_familys_to_exercise_by_asking() -> None:
    kind = NoticeKind.APPEAL_DECIDED  # asking the Tribunal to review: the parties'
    assert windows_for(kind, FACTS[kind], GIVEN, DEFAULT_RULES, Role.IRO) == (None, None)
    assert windows_for(kind, FACTS[kind], GIVEN, DEFAULT_RULES, Role.GOVERNING_BODY) == (
        None, None,
    )  # fmt: skip


def test_another_las_notice_lists_the_learners_own_las_services() -> None:
    kind = NoticeKind.DECISION_NO_ALN
    notice = render(kind, Language.ENGLISH, context(kind), ORGANISATIONS).text
    assert "Ring 01978 000000" in notice  # Wrexham's, the learner's LA (``local_authority``)
    assert LA not in notice
