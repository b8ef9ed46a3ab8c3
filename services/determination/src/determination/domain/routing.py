"""Which body must decide whether a learner has ALN, or why no decision is needed.

docs/domain.md section 2 (Act ss.11-13, 15-19). Pure: the caller states the circumstances.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from determination.domain.learner import Learner, Setting
from determination.domain.values import Status
from llwybr.clock import RuleId


class BodyKind(StrEnum):
    SCHOOL = "school"  # the governing body of a maintained school or PRU
    FEI = "fei"  # the governing body of a further-education institution
    LOCAL_AUTHORITY = "local_authority"  # the LA responsible
    LA_LOOKING_AFTER = "la_looking_after"  # the LA looking after a child


#: The clock each kind of body decides on (rule ids of the statutory rule table).
DECISION_RULE: dict[BodyKind, RuleId] = {
    BodyKind.SCHOOL: RuleId.D1,
    BodyKind.FEI: RuleId.D2,
    BodyKind.LOCAL_AUTHORITY: RuleId.D3,
    BodyKind.LA_LOOKING_AFTER: RuleId.D4,
}


@dataclass(frozen=True)
class DecidingBody:
    kind: BodyKind
    organisation: str  # "school:6651234", "fei:6659001", "la:665"

    @property
    def decision_rule(self) -> RuleId:
        return DECISION_RULE[self.kind]

    @property
    def is_local_authority(self) -> bool:
        return self.kind in {BodyKind.LOCAL_AUTHORITY, BodyKind.LA_LOOKING_AFTER}

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "organisation": self.organisation}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DecidingBody":
        return cls(BodyKind(data["kind"]), data["organisation"])


class NoDecisionReason(StrEnum):
    IDP_ALREADY_MAINTAINED = "idp_already_maintained"
    DECIDED_BEFORE_NO_MATERIAL_CHANGE = "decided_before_no_material_change"
    NO_CONSENT = "young_person_does_not_consent"
    SCHOOL_ALREADY_DECIDING = "school_already_deciding"
    FEI_ONLY_WITHOUT_REFERRAL = "fei_only_without_referral"


@dataclass(frozen=True)
class Circumstances:
    """What, besides the learner, the routing rule depends on."""

    raised_with: str  # the organisation the concern was brought to, e.g. "la:665"
    idp_maintained: bool = False
    previously_decided_by: str | None = None
    material_change: bool = True
    young_person_consents: bool | None = None  # None: not asked yet
    school_already_deciding: bool = False
    referred_by: str | None = None  # the school or FEI that referred the learner to the LA


@dataclass(frozen=True)
class Routing:
    body: DecidingBody
    no_decision: NoDecisionReason | None = None
    awaiting_consent: bool = False
    reconsidering_authority: str | None = None  # the LA a family asks to reconsider

    @property
    def must_decide(self) -> bool:
        return self.no_decision is None

    @property
    def status(self) -> Status:
        """The state a concern routed so starts in."""
        if self.no_decision is not None:
            return Status.NO_DECISION_REQUIRED
        return Status.AWAITING_CONSENT if self.awaiting_consent else Status.GATHERING_INFORMATION


def default_body(learner: Learner) -> DecidingBody:
    """The table of docs/domain.md section 2 (and section 11's corrections)."""
    # A detained person is not "looked after" for these duties (s.15), whatever the flag.
    looked_after = learner.looked_after and learner.setting is not Setting.DETAINED
    if looked_after and learner.looking_after_authority not in (None, "ENG"):
        return DecidingBody(BodyKind.LA_LOOKING_AFTER, f"la:{learner.looking_after_authority}")
    at_school = learner.setting in {Setting.MAINTAINED_SCHOOL, Setting.PUPIL_REFERRAL_UNIT}
    if at_school and not learner.dual_registered:
        return DecidingBody(BodyKind.SCHOOL, learner.setting_organisation or "")
    # Dual-registered at a school and an FEI: the LA decides (s.30), not the FEI.
    at_fei = learner.setting is Setting.FURTHER_EDUCATION and learner.young_person
    if at_fei and not learner.dual_registered:
        return DecidingBody(BodyKind.FEI, learner.setting_organisation or "")
    # Under compulsory school age not at a maintained school, independent school, education
    # otherwise than at school, dual registration, home education, detention, and young
    # people outside school or FEI: the LA responsible.
    return DecidingBody(BodyKind.LOCAL_AUTHORITY, f"la:{learner.local_authority}")


def route(learner: Learner, circumstances: Circumstances) -> Routing:
    """The body that must decide, or why none need (Act ss.11-13; docs/domain.md section 2)."""
    body = default_body(learner)
    la = DecidingBody(BodyKind.LOCAL_AUTHORITY, f"la:{learner.local_authority}")
    raised_with_la = circumstances.raised_with.startswith("la:")

    if circumstances.referred_by is not None and not body.is_local_authority:
        body = la  # a school's or FEI's referral (s.12): the LA decides on its own clock
    elif raised_with_la and body.kind is BodyKind.SCHOOL:
        if circumstances.school_already_deciding:
            return _no_decision(body, learner, NoDecisionReason.SCHOOL_ALREADY_DECIDING)
        body = la
    elif raised_with_la and body.kind is BodyKind.FEI:
        return _no_decision(body, learner, NoDecisionReason.FEI_ONLY_WITHOUT_REFERRAL)

    if circumstances.idp_maintained:
        return _no_decision(body, learner, NoDecisionReason.IDP_ALREADY_MAINTAINED)
    if (
        circumstances.previously_decided_by == body.organisation
        and not circumstances.material_change
    ):
        return _no_decision(body, learner, NoDecisionReason.DECIDED_BEFORE_NO_MATERIAL_CHANGE)
    if learner.young_person and circumstances.young_person_consents is False:
        return _no_decision(body, learner, NoDecisionReason.NO_CONSENT)
    awaiting = learner.young_person and circumstances.young_person_consents is None
    return Routing(body, None, awaiting, reconsidering_authority(body, learner))


def reconsidering_authority(body: DecidingBody, learner: Learner) -> str | None:
    """Only a school's decision is reconsidered, by the LA maintaining the school (also for a
    learner resident in England at a Welsh maintained school)."""
    return f"la:{learner.local_authority}" if body.kind is BodyKind.SCHOOL else None


def _no_decision(body: DecidingBody, learner: Learner, reason: NoDecisionReason) -> Routing:
    return Routing(body, reason, False, reconsidering_authority(body, learner))


def necessity_refusal(learner: Learner, body: BodyKind, has_aln: bool) -> str | None:
    """Why an IDP cannot be decided not necessary for this learner by this body, or None:
    only the LA responsible may, for a young person with ALN who is not at a maintained school,
    PRU or FEI, nor detained (Act s.14(1)(c))."""
    if not has_aln:
        return "the decision is that the learner has no ALN"
    if body is not BodyKind.LOCAL_AUTHORITY:
        return f"only the LA responsible may, not a {body.value}"
    if not learner.young_person:
        return "the learner is a child: a child with ALN always gets an IDP"
    if learner.setting is Setting.DETAINED:
        return "for a detained young person the home authority decides under s.40 instead"
    if not learner.idp_may_be_unnecessary:
        return (
            "a young person at a maintained school, PRU or FEI always gets an IDP "
            f"(setting: {learner.setting.value})"
        )
    return None
