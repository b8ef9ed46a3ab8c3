"""The notices a determination gives, to whom, and what each must contain (docs/domain.md §4)."""

from collections.abc import Iterable, Mapping
from enum import StrEnum

from determination.domain.learner import Learner
from determination.domain.routing import BodyKind
from determination.domain.values import Status


class NoticeType(StrEnum):
    HAS_ALN = "has_aln"  # has ALN, an IDP is to be prepared
    NO_ALN = "no_aln"
    NHS_REFERRAL = "nhs_referral"  # referral to an NHS body
    IDP_NOT_NECESSARY = "idp_not_necessary"  # a young person has ALN, but no IDP (s.14(1)(c))


class Recipient(StrEnum):
    CHILD = "child"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    CASE_FRIEND = "case_friend"
    IRO = "independent_reviewing_officer"
    GOVERNING_BODY = "governing_body"
    NHS_BODY = "nhs_body"


FAMILY = frozenset(
    {Recipient.CHILD, Recipient.PARENT, Recipient.YOUNG_PERSON, Recipient.CASE_FRIEND}
)

#: Content every notice of a kind must carry, by the kind of body giving it.
_RIGHTS_CONTENT = (
    "decision_and_reasons",
    "contact_details",
    "information_and_advice",
    "disagreement_resolution",
    "independent_advocacy",
)


def required_content(notice: NoticeType, body: BodyKind) -> tuple[str, ...]:
    """The content fields a notice must contain (Code; docs/domain.md section 4)."""
    if notice is NoticeType.NO_ALN:
        # A school's decision is challenged by asking the LA to reconsider; an LA's or FEI's
        # decision by appeal to the Education Tribunal for Wales.
        right = "right_to_ask_la_to_reconsider" if body is BodyKind.SCHOOL else "right_of_appeal"
        return (*_RIGHTS_CONTENT, right)
    if notice is NoticeType.IDP_NOT_NECESSARY:
        return (*_RIGHTS_CONTENT, "right_of_appeal")  # Regs 10(2) and (5)
    if notice is NoticeType.HAS_ALN:
        return ("decision_and_reasons",)
    return ("reason_for_referral",)


def required_recipients(
    notice: NoticeType, *, young_person: bool, looked_after: bool
) -> frozenset[Recipient]:
    """Who must be among the recipients (the family; for a looked-after child, the IRO too)."""
    if notice is NoticeType.NHS_REFERRAL:
        return frozenset({Recipient.NHS_BODY})
    family = Recipient.YOUNG_PERSON if young_person else Recipient.PARENT
    return frozenset({family, Recipient.IRO}) if looked_after else frozenset({family})


def notice_refusal(notice: NoticeType, status: Status, idp_necessary: bool) -> str | None:
    """Why a notice of a decision does not fit the decision in force, or None."""
    expected = Status.DECIDED_NO_ALN if notice is NoticeType.NO_ALN else Status.DECIDED_ALN
    if status is not expected:
        return f"a {notice.value} notice needs a {expected.value} decision"
    if notice is NoticeType.IDP_NOT_NECESSARY and idp_necessary:
        return "an idp_not_necessary notice needs a decision that an IDP is not necessary"
    if notice is NoticeType.HAS_ALN and not idp_necessary:
        return "the decision is that an IDP is not necessary: its notice is idp_not_necessary"
    return None


def notice_gaps(
    notice: NoticeType,
    body: BodyKind,
    learner: Learner,
    recipients: Iterable[Recipient],
    content: Mapping[str, str],
) -> list[str]:
    """What a notice lacks of the content and recipients the Code requires (none: complete)."""
    missing_recipients = required_recipients(
        notice, young_person=learner.young_person, looked_after=learner.looked_after
    ) - set(recipients)
    missing = [f for f in required_content(notice, body) if not content.get(f)]
    gaps = []
    if missing:
        gaps.append(f"content: {', '.join(missing)}")
    if missing_recipients:
        gaps.append(f"recipients: {', '.join(sorted(r.value for r in missing_recipients))}")
    return gaps
