"""Notice kinds, the parties who receive them, and who must be told (docs/domain.md §4). Pure.

"Family" is the child (or, when the Tribunal has appointed one, their case friend), the parent,
or the young person (or their representative when they lack capacity); for a looked-after child
the independent reviewing officer (IRO) too. Organisations (a school's governing body, an LA,
an NHS body) are told by their notice address.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class NoticeKind(StrEnum):
    DECISION_HAS_ALN = "decision_has_aln"  # has ALN, an IDP is to be prepared
    DECISION_NO_ALN = "decision_no_aln"
    IDP_NOT_NECESSARY = "idp_not_necessary"  # a young person has ALN; the LA: no IDP needed
    NHS_REFERRAL = "nhs_referral"  # a referral, from the body deciding the case to the NHS body
    NHS_ANSWER = "nhs_answer"  # an NHS body's answer to a referral, to the referrer
    # a health body's opinion that an under-five probably has ALN (s.64): parent, then the LA
    HEALTH_BODY_OPINION = "health_body_opinion"
    HEALTH_BODY_OPINION_TO_LA = "health_body_opinion_to_la"
    # the firm date by which the IDP should be given, which a has-ALN notice said would follow
    # when the school's calendar was published (the IDP service recounted it, #17)
    IDP_DATE_CONFIRMED = "idp_date_confirmed"
    IDP_ISSUED = "idp_issued"
    IDP_REVISED = "idp_revised"  # review outcome: revised (or revised on another occasion)
    IDP_NOT_REVISED = "idp_not_revised"  # review outcome: not revised
    REVIEW_REQUESTED = "review_requested"  # to the maintainer (an NHS body's request binds)
    RESPONSIBILITY_TRANSFERRED = "responsibility_transferred"
    CEASE_PROPOSED = "cease_proposed"
    IDP_CEASED = "idp_ceased"
    # the IDP service runs D11 to a later day than the cease notice told (the notice was given
    # after the decision, or given again after a bounce): the family is told that day (#17)
    CEASE_WINDOW_CORRECTED = "cease_window_corrected"
    RECONSIDERATION_RECEIVED = "reconsideration_received"  # representations invited
    RECONSIDERATION_DECIDED = "reconsideration_decided"
    APPEAL_WINDOW_EXTENDED = "appeal_window_extended"  # disagreement resolution started
    # the decision's owner enforces a later last day than a notice told (ADR 0017)
    APPEAL_WINDOW_CORRECTED = "appeal_window_corrected"
    APPEAL_LODGED = "appeal_lodged"
    APPEAL_DECIDED = "appeal_decided"
    DEADLINE_REMINDER = "deadline_reminder"
    # ALP short of its schedule (issue 24): the provider and the maintainer are reminded,
    # the learner's responsible LA alerted
    PROVISION_SHORTFALL = "provision_shortfall"
    PROVISION_SHORTFALL_ALERT = "provision_shortfall_alert"
    DEADLINE_MISSED = "deadline_missed"
    UNDELIVERABLE = "undeliverable"  # to the issuer: a notice could not be delivered


class Role(StrEnum):
    """How a recipient stands to the learner or the case."""

    # people, registered as the learner's parties
    PARENT = "parent"
    CHILD = "child"
    YOUNG_PERSON = "young_person"
    CASE_FRIEND = "case_friend"
    REPRESENTATIVE = "representative"  # of a young person who lacks capacity
    IRO = "independent_reviewing_officer"
    # organisations, by their notice address
    GOVERNING_BODY = "governing_body"
    LOCAL_AUTHORITY = "local_authority"
    MAINTAINER = "maintainer"
    REFERRER = "referrer"
    NHS_BODY = "nhs_body"
    RESPONDENT = "respondent"
    ORDER_ADDRESSEE = "order_addressee"
    RESPONSIBLE_BODY = "responsible_body"
    ISSUER = "issuer"
    PROVIDER = "provider"  # the organisation providing an element of ALP


PARTY_ROLES = frozenset(
    {Role.PARENT, Role.CHILD, Role.YOUNG_PERSON, Role.CASE_FRIEND, Role.REPRESENTATIVE, Role.IRO}
)
#: Who holds the rights a family notice states (a copy to an organisation opens no window).
RIGHT_HOLDERS = frozenset(
    {Role.PARENT, Role.CHILD, Role.YOUNG_PERSON, Role.CASE_FRIEND, Role.REPRESENTATIVE}
)


class Language(StrEnum):
    WELSH = "cy"
    ENGLISH = "en"
    BOTH = "cy+en"  # bilingual, Welsh first (the default when no preference is set)

    @property
    def parts(self) -> tuple[str, ...]:
        return ("cy", "en") if self is Language.BOTH else (self.value,)

    @classmethod
    def preferred(cls, preference: str | None) -> "Language":
        """A party's preference honoured; no preference means both languages."""
        return cls(preference) if preference in ("cy", "en") else cls.BOTH


#: Family notices the Act addresses to the child's parent alone (s.64: a child under
#: compulsory school age, told through each registered parent).
PARENT_NOTICES = frozenset({NoticeKind.HEALTH_BODY_OPINION})


@dataclass(frozen=True)
class Party:
    """One of a learner's parties as registered in the contacts registry."""

    party_id: str
    role: Role
    name: str
    email: str | None
    language: str | None


@dataclass(frozen=True)
class LearnerFacts:
    """What the events said about the learner; None where no event has said it yet."""

    young_person: bool | None = None
    looked_after: bool | None = None


@dataclass(frozen=True)
class FamilyRecipients:
    """The registered parties to tell, and the roles that must be told but have no contact."""

    parties: tuple[Party, ...]
    missing: tuple[Role, ...]


def family_recipients(parties: Sequence[Party], facts: LearnerFacts) -> FamilyRecipients:
    """Who receives a notice addressed to the learner's family.

    A young person receives their own notices (their representative when they lack capacity
    and one is registered); for a child, each parent, and the child's case friend when one is
    appointed (otherwise the child, if registered). A looked-after child's IRO is told too.
    When the events have not yet said whether the learner is a young person, the registry
    decides: a registered young person means young-person notices.
    """
    roles = {p.role for p in parties}
    young_person = facts.young_person
    if young_person is None:
        young_person = Role.YOUNG_PERSON in roles or Role.REPRESENTATIVE in roles
    wanted: set[Role]
    required: list[Role]
    if young_person:
        wanted = {Role.YOUNG_PERSON, Role.REPRESENTATIVE}
        required = [] if Role.REPRESENTATIVE in roles else [Role.YOUNG_PERSON]
    else:
        # A case friend receives what the child would (the child lacks capacity).
        wanted = {Role.PARENT, Role.CASE_FRIEND if Role.CASE_FRIEND in roles else Role.CHILD}
        required = [Role.PARENT]
    if facts.looked_after:
        wanted.add(Role.IRO)
        required.append(Role.IRO)
    chosen = tuple(p for p in parties if p.role in wanted)
    missing = tuple(role for role in required if role not in roles)
    return FamilyRecipients(chosen, missing)


def parent_recipients(parties: Sequence[Party]) -> FamilyRecipients:
    """Who receives a notice addressed to the child's parent: each registered parent (a notice
    that must reach a parent and cannot yet is escalated until one is registered)."""
    chosen = tuple(p for p in parties if p.role is Role.PARENT)
    return FamilyRecipients(chosen, () if chosen else (Role.PARENT,))


def recipients(kind: NoticeKind, parties: Sequence[Party], facts: LearnerFacts) -> FamilyRecipients:
    """The people a family notice of ``kind`` goes to."""
    if kind in PARENT_NOTICES:
        return parent_recipients(parties)
    return family_recipients(parties, facts)


def deduplicated(organisations: Iterable[tuple[str, Role]]) -> list[tuple[str, Role]]:
    """Organisations to tell, each once (the first role named wins), in the order given."""
    seen: set[str] = set()
    chosen = []
    for organisation, role in organisations:
        if organisation and organisation not in seen:
            seen.add(organisation)
            chosen.append((organisation, role))
    return chosen
