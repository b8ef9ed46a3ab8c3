"""Values of the disputes domain: kinds, outcomes and statuses (docs/domain.md sections 6-8), and
the Tribunal's orders and recommendations as frozen dataclasses.

Events store values as plain dicts (``as_dict``) so they stay JSON-transcodable; ``from_dict``
reads them back (dates as ``date`` or ISO strings). Strings given for enum fields are converted,
so ``Order("o1", "revise_idp", ...)`` and ``Order("o1", OrderKind.REVISE_IDP, ...)`` are equal.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from disputes.domain.errors import DisputesError, InvalidValueError, WrongDeadlineError
from llwybr.clock import Deadline, RuleId, RuleTable, Unit, compute_deadline

# -- reconsiderations (section 6) -----------------------------------------------------------


class ReconsiderationKind(StrEnum):
    """What the LA is asked to reconsider: always a school's decision."""

    R1 = "R1"  # s.26 whether the learner has ALN (also a school's refusal to decide)
    R2 = "R2"  # s.27 revise a school IDP
    R3 = "R3"  # s.28 the LA to take over a school IDP
    R4 = "R4"  # s.32 a school's decision to cease an IDP


class Party(StrEnum):
    """A side of a reconsideration: who asks, and who is invited to make representations."""

    FAMILY = "family"  # the child (or case friend), the parent, or the young person
    GOVERNING_BODY = "governing_body"


class DecidingBodyKind(StrEnum):
    """The kind of body whose decision is challenged; only a school's goes to the LA."""

    SCHOOL = "school"
    FEI = "fei"
    LOCAL_AUTHORITY = "local_authority"
    LA_LOOKING_AFTER = "la_looking_after"


class ReconsiderationOutcome(StrEnum):
    """The LA's decision on a reconsideration (which ones fit a kind: ``OUTCOMES``)."""

    HAS_ALN = "has_aln"
    NO_ALN = "no_aln"
    NOT_REVISED = "not_revised"
    REVISED_DIRECTED = "revised_directed"  # revised, and the governing body directed to maintain
    TAKEN_OVER = "taken_over"
    REFUSED = "refused"
    CEASE_CONFIRMED = "cease_confirmed"
    IDP_CONTINUES = "idp_continues"


class ReconsiderationStatus(StrEnum):
    """Where a reconsideration is (docs/domain.md section 8)."""

    REQUESTED = "requested"
    REPRESENTATIONS_INVITED = "representations_invited"
    DECIDING = "deciding"  # representations received
    DECIDED = "decided"
    NOTICE_ISSUED = "notice_issued"  # the appeal window is open


@dataclass(frozen=True)
class ReconsiderationDecision:
    """The LA's decision on a reconsideration; ``within_time`` when by its deadline."""

    decided_on: date
    outcome: ReconsiderationOutcome
    reasons: str
    decided_by: str
    within_time: bool


_K, _O = ReconsiderationKind, ReconsiderationOutcome

#: The outcomes the LA may reach on each kind (section 6).
OUTCOMES: Mapping[ReconsiderationKind, frozenset[ReconsiderationOutcome]] = MappingProxyType(
    {
        _K.R1: frozenset({_O.HAS_ALN, _O.NO_ALN}),
        _K.R2: frozenset({_O.NOT_REVISED, _O.REVISED_DIRECTED, _O.TAKEN_OVER}),
        _K.R3: frozenset({_O.TAKEN_OVER, _O.REFUSED}),
        _K.R4: frozenset({_O.CEASE_CONFIRMED, _O.IDP_CONTINUES}),
    }
)

#: Who may ask for each kind: the governing body only for a take-over (s.28).
MAY_ASK: Mapping[ReconsiderationKind, frozenset[Party]] = MappingProxyType(
    {
        _K.R1: frozenset({Party.FAMILY}),
        _K.R2: frozenset({Party.FAMILY}),
        _K.R3: frozenset({Party.FAMILY, Party.GOVERNING_BODY}),
        _K.R4: frozenset({Party.FAMILY}),
    }
)

#: The rule (``llwybr.clock``) of the LA's deadline to decide each kind.
DEADLINE_RULES: Mapping[ReconsiderationKind, RuleId] = MappingProxyType(
    {_K.R1: RuleId.D8, _K.R2: RuleId.D9, _K.R3: RuleId.D10, _K.R4: RuleId.D12}
)

APPEAL_RULE = RuleId.D18  # 8 weeks to appeal to the Tribunal
REVIEW_RULE = RuleId.D19  # 28 days to apply for the Tribunal to review its decision

#: Starting disagreement resolution within the appeal window adds 8 weeks to it [C s.68].
DISAGREEMENT_RESOLUTION_EXTENSION = timedelta(weeks=8)


def require_appeal_window(*windows: Deadline) -> None:
    """Each window is an appeal window (D18)."""
    for window in windows:
        if window.rule_id != APPEAL_RULE:
            raise WrongDeadlineError(
                f"the appeal window runs under {APPEAL_RULE}, not {window.rule_id}"
            )


def extended_appeal_window(window: Deadline, rules: RuleTable) -> Deadline:
    """The one lawful extended appeal window (ETW Regs reg 10): the same notice, the window's
    own period made exactly 8 weeks longer, counted as ``llwybr.clock`` counts D18 under
    ``rules`` (the table in force): the first working day after 16 weeks beginning with the
    notice. Never 8 weeks after the already rolled due date (notice 6 February 2026: 29 May,
    not 2 June), so no tolerance is needed or allowed. The period is the window's own, whatever
    the table in force now gives D18, so the extension is exactly the 8 weeks the law adds."""
    require_appeal_window(window)
    if window.unit is not Unit.WEEKS:
        raise WrongDeadlineError(f"an appeal window in {window.unit.value} has no 8 weeks")
    if window.extension:
        raise WrongDeadlineError(f"the appeal window was already extended on {window.due_on}")
    period = replace(rules.rule(APPEAL_RULE), unit=window.unit, length=window.length)
    extending = RuleTable(rules.version, {**rules.rules, APPEAL_RULE: period})
    weeks = DISAGREEMENT_RESOLUTION_EXTENSION.days // 7
    return compute_deadline(extending, APPEAL_RULE, window.trigger_date, extension=weeks)


# -- appeals (section 7) --------------------------------------------------------------------


class AppellantKind(StrEnum):
    """Who appeals: for a child, the child (or a case friend) or a parent; else the young
    person."""

    CHILD = "child"
    CASE_FRIEND = "case_friend"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"


#: Who may appeal for a child, and for a young person (whose parent has no right of appeal).
CHILD_APPELLANTS = frozenset({AppellantKind.CHILD, AppellantKind.CASE_FRIEND, AppellantKind.PARENT})
YOUNG_PERSON_APPELLANTS = frozenset({AppellantKind.YOUNG_PERSON})


class AppealMatter(StrEnum):
    """What is appealed against (section 7)."""

    WHETHER_ALN = "whether_aln"
    ALN_DESCRIPTION = "aln_description"
    ALP = "alp"
    ALP_IN_WELSH = "alp_in_welsh"
    NAMED_SCHOOL = "named_school"
    IDP_NOT_NECESSARY = "idp_not_necessary"
    DECISION_NOT_TO_REVISE = "decision_not_to_revise"
    DECISION_NOT_TO_TAKE_OVER = "decision_not_to_take_over"
    DECISION_TO_CEASE = "decision_to_cease"
    LA_RECONSIDERATION_DECISION = "la_reconsideration_decision"


class CaseParty(StrEnum):
    """A party to an appeal, filing a case statement."""

    APPELLANT = "appellant"
    RESPONDENT = "respondent"


class AppealOutcome(StrEnum):
    """How the Tribunal disposed of the appeal."""

    DISMISSED = "dismissed"
    ORDERS = "orders"
    REMITTED = "remitted"  # back to the body for reconsideration


class OrderKind(StrEnum):
    """What the Tribunal orders an LA or FEI to do."""

    ALN_EXISTS = "aln_exists"
    NO_ALN = "no_aln"
    REVISE_IDP = "revise_idp"
    PREPARE_IDP = "prepare_idp"
    MAINTAIN_IDP = "maintain_idp"
    LA_TAKE_OVER = "la_take_over"


class OrderStatus(StrEnum):
    OPEN = "open"
    COMPLIED = "complied"


class AppealStatus(StrEnum):
    """Where an appeal is (docs/domain.md section 8)."""

    LODGED = "lodged"
    ACKNOWLEDGED = "acknowledged"
    CASE_STATEMENTS = "case_statements"
    HEARING_SCHEDULED = "hearing_scheduled"
    DECIDED = "decided"  # orders or recommendations still outstanding
    CLOSED = "closed"  # every order complied with, every recommendation reported on


# -- organisations and conversions ----------------------------------------------------------

LOCAL_AUTHORITY_PREFIX = "la:"
SCHOOL_PREFIX = "school:"
RESPONDENT_PREFIXES = ("la:", "fei:")  # the Tribunal's respondents, and whom it orders
NHS_PREFIXES = ("lhb:", "nhs:")  # Local Health Boards and NHS trusts

E = TypeVar("E", bound=Enum)


def as_enum(
    kind: type[E], value: object, name: str, error: type[DisputesError] = InvalidValueError
) -> E:
    """``value`` as a member of ``kind``, or ``error`` naming the choices."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in kind)
        raise error(f"{name} must be one of {choices}, not {value!r}") from None


def require_text(value: object, name: str) -> str:
    """``value`` if it is a non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{name} must be a non-blank string, not {value!r}")
    return value


def require_organisation(value: object, prefixes: tuple[str, ...], name: str) -> str:
    """``value`` if it is an organisation id with one of ``prefixes`` ("la:665")."""
    text = require_text(value, name)
    if not text.startswith(prefixes) or text in prefixes:
        raise InvalidValueError(f"{name} must start with {' or '.join(prefixes)}, not {text!r}")
    return text


def _optional_date(value: object, name: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InvalidValueError(f"{name} must be an ISO date, not {value!r}") from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidValueError(f"{name} must be a date, not {type(value).__name__}")
    return value


def _exactly(data: Mapping[str, Any], names: tuple[str, ...], what: str) -> None:
    missing = [n for n in names if n not in data]
    unknown = sorted(set(data) - set(names))
    if missing or unknown:
        raise InvalidValueError(
            f"{what}: missing {missing or 'nothing'}, unknown {unknown or 'nothing'}"
        )


# -- the Tribunal's decision ----------------------------------------------------------------


@dataclass(frozen=True)
class Order:
    """An order of the Tribunal to an LA or FEI, e.g. to revise the IDP in set wording."""

    order_id: str
    kind: OrderKind
    addressed_to: str  # "la:..." or "fei:..."
    wording: str
    comply_by: date | None  # configurable: the Tribunal may set no date

    def __post_init__(self) -> None:
        require_text(self.order_id, "order_id")
        require_organisation(self.addressed_to, RESPONDENT_PREFIXES, "an order's addressee")
        require_text(self.wording, f"order {self.order_id}'s wording")
        # frozen: converted once, while building (strings arrive from JSON)
        object.__setattr__(self, "kind", as_enum(OrderKind, self.kind, "an order's kind"))
        object.__setattr__(self, "comply_by", _optional_date(self.comply_by, "comply_by"))

    def as_dict(self) -> dict[str, Any]:
        """The order as a JSON-ready dict (the kind as its value)."""
        return {
            "order_id": self.order_id,
            "kind": self.kind.value,
            "addressed_to": self.addressed_to,
            "wording": self.wording,
            "comply_by": self.comply_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Order":
        """The inverse of ``as_dict``; every field must be present, and nothing else."""
        _exactly(data, ("order_id", "kind", "addressed_to", "wording", "comply_by"), "Order")
        return cls(**data)


@dataclass(frozen=True)
class Recommendation:
    """A recommendation of the Tribunal to an NHS body, which must consider it and report."""

    recommendation_id: str
    nhs_body: str  # "lhb:..." or "nhs:..."
    wording: str
    report_by: date | None  # D20 has no length in law: None until one is configured

    def __post_init__(self) -> None:
        require_text(self.recommendation_id, "recommendation_id")
        require_organisation(self.nhs_body, NHS_PREFIXES, "a recommendation's NHS body")
        require_text(self.wording, f"recommendation {self.recommendation_id}'s wording")
        object.__setattr__(self, "report_by", _optional_date(self.report_by, "report_by"))

    def as_dict(self) -> dict[str, Any]:
        """The recommendation as a JSON-ready dict."""
        return {
            "recommendation_id": self.recommendation_id,
            "nhs_body": self.nhs_body,
            "wording": self.wording,
            "report_by": self.report_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Recommendation":
        """The inverse of ``as_dict``; every field must be present, and nothing else."""
        _exactly(data, ("recommendation_id", "nhs_body", "wording", "report_by"), "Recommendation")
        return cls(**data)


@dataclass(frozen=True)
class IdpRevision:
    """What the IDP service found when it compared a revised plan with an order's wording.

    The order to revise is met only when the wording was found and nothing differs.
    """

    idp_id: str
    version: int
    wording_found: bool
    differences: tuple[str, ...]

    def __post_init__(self) -> None:
        # a UUID is accepted and kept as its text, so the event stays plain JSON
        idp_id: object = self.idp_id
        if isinstance(idp_id, uuid.UUID):
            object.__setattr__(self, "idp_id", str(idp_id))
        require_text(self.idp_id, "idp_revision.idp_id")
        if isinstance(self.version, bool) or not isinstance(self.version, int) or self.version < 1:
            raise InvalidValueError(f"idp_revision.version must be a positive int: {self.version}")
        if not isinstance(self.wording_found, bool):
            raise InvalidValueError("idp_revision.wording_found must be true or false")
        differences: object = self.differences  # from JSON: check what actually came
        if not isinstance(differences, list | tuple) or not all(
            isinstance(d, str) for d in differences
        ):
            raise InvalidValueError("idp_revision.differences must be a list of strings")
        object.__setattr__(self, "differences", tuple(differences))

    @property
    def matches(self) -> bool:
        """The revised plan carries the ordered wording, with no difference."""
        return self.wording_found and not self.differences

    def as_dict(self) -> dict[str, Any]:
        """The check as a JSON-ready dict (differences as a list)."""
        return {
            "idp_id": self.idp_id,
            "version": self.version,
            "wording_found": self.wording_found,
            "differences": list(self.differences),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "IdpRevision":
        """The inverse of ``as_dict``; every field must be present, and nothing else."""
        _exactly(data, ("idp_id", "version", "wording_found", "differences"), "idp_revision")
        return cls(**data)
