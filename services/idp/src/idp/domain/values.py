"""Values of the plan: the standard form's sections (Code ch. 23) and the kinds used in commands.

Sections are frozen dataclasses; events store them as plain dicts (``as_dict``) so they stay
JSON-transcodable, and ``from_dict`` reads them back (dates as ``date`` or ISO strings).
Strings given for enum fields are converted, so ``Maintainer("school", "school:6652001")``
and ``Maintainer(MaintainerKind.SCHOOL, ...)`` are the same value.
"""

import re
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from types import UnionType
from typing import Any, ClassVar, Self, TypeVar, get_args

from idp.domain.errors import InvalidPlanContentError
from llwybr.clock import next_reminder_on


class Status(StrEnum):
    """Where the plan is in its life (docs/domain.md section 8)."""

    DRAFT = "draft"  # never issued
    ACTIVE = "active"
    UNDER_REVIEW = "under_review"  # a review is requested, or was held and a revision is due
    CEASE_PROPOSED = "cease_proposed"
    CEASED = "ceased"
    CLOSED = "closed"


class MaintainerKind(StrEnum):
    """The body that maintains the plan."""

    SCHOOL = "school"  # the governing body of a maintained school or PRU
    FEI = "fei"
    LOCAL_AUTHORITY = "local_authority"
    LA_LOOKING_AFTER = "la_looking_after"

    @property
    def is_local_authority(self) -> bool:
        return self in {MaintainerKind.LOCAL_AUTHORITY, MaintainerKind.LA_LOOKING_AFTER}


class ProviderKind(StrEnum):
    """2B.4: the organisation providing an element of ALP."""

    SCHOOL = "school"
    LOCAL_AUTHORITY = "local_authority"
    NHS_BODY = "nhs_body"  # the element is "ALP to be secured by the NHS body"
    OTHER = "other"


class OpeningReason(StrEnum):
    """Why the plan is being prepared."""

    ALN_DECISION = "aln_decision"  # the body that decided the learner has ALN prepares it
    LA_DIRECTION = "la_direction"  # the LA found ALN and directed a school or FEI (s.14)


class ReviewRequester(StrEnum):
    """Who asked for an extra review (D16)."""

    FAMILY = "family"  # may be declined
    NHS_BODY = "nhs_body"  # whose ALP is in the plan: must be reviewed


class ReviewOutcome(StrEnum):
    REVISED = "revised"
    NOT_REVISED = "not_revised"


class RevisionReason(StrEnum):
    """What calls for a new version of an issued plan."""

    REVIEW = "review"  # a review held with outcome "revised"
    NHS_ALP = "nhs_alp"  # an NHS body identified ALP it will secure
    TRIBUNAL_ORDER = "tribunal_order"  # the Education Tribunal ordered the plan revised
    RECONSIDERATION = "reconsideration"  # the LA revised it on reconsideration (R2)


class TransferReason(StrEnum):
    SCHOOL_MOVE = "school_move"
    DUAL_REGISTRATION = "dual_registration"
    BECOMES_LOOKED_AFTER = "becomes_looked_after"
    CEASES_LOOKED_AFTER = "ceases_looked_after"
    LA_TAKE_OVER = "la_take_over"
    LA_TO_FEI = "la_to_fei"
    # the LA prepared the plan and directed the school to maintain it (s.14): on issue
    LA_DIRECTION = "la_direction"


class ClosureReason(StrEnum):
    """Why a plan ends without a decision to cease it."""

    LEARNER_LEFT = "learner_left"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    AGE_25_YEAR_END = "age_25_year_end"  # end of the academic year in which they turn 25


E = TypeVar("E", bound=Enum)


def as_enum(kind: type[E], value: object, name: str) -> E:
    """``value`` as a member of ``kind``, or InvalidPlanContentError naming the choices."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in kind)
        raise InvalidPlanContentError(f"{name} must be one of {choices}, not {value!r}") from None


def _is_date_field(annotation: object) -> bool:
    return annotation is date or (
        isinstance(annotation, UnionType) and date in get_args(annotation)
    )


def _coerce(name: str, value: object, annotation: object) -> object:
    """Convert what JSON can carry (enum values, ISO dates) and check the field's type."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return as_enum(annotation, value, name)
    if _is_date_field(annotation) and isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InvalidPlanContentError(f"{name} must be an ISO date, not {value!r}") from None
    if isinstance(value, datetime) or not isinstance(value, annotation):  # type: ignore[arg-type]
        raise InvalidPlanContentError(f"{name} must be {annotation}, not {type(value).__name__}")
    return value


class _Value:
    """Shared conversion of the section dataclasses to and from JSON-ready dicts."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            coerced = _coerce(f"{type(self).__name__}.{f.name}", value, f.type)
            if coerced is not value:
                object.__setattr__(self, f.name, coerced)  # frozen: set once, while building

    def as_dict(self) -> dict[str, Any]:
        """The value as a JSON-ready dict (enums as their values, dates kept as dates)."""
        return {
            f.name: v.value if isinstance(v := getattr(self, f.name), Enum) else v
            for f in fields(self)
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The inverse of ``as_dict``; every field must be present, and nothing else, except a
        field with a default (added after values were stored: an older value reads as it)."""
        names = [f.name for f in fields(cls)]
        optional = {f.name for f in fields(cls) if f.default is not MISSING}
        missing = [n for n in names if n not in data and n not in optional]
        unknown = sorted(set(data) - set(names))
        if missing or unknown:
            raise InvalidPlanContentError(
                f"{cls.__name__}: missing {missing or 'nothing'}, unknown {unknown or 'nothing'}"
            )
        value: Self = cls(**{n: data[n] for n in names if n in data})
        return value


@dataclass(frozen=True)
class Maintainer(_Value):
    """The body maintaining the plan, e.g. ``Maintainer("school", "school:6652001")``."""

    kind: MaintainerKind
    organisation: str

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.organisation.strip():
            raise InvalidPlanContentError("a maintainer names its organisation")

    @property
    def is_local_authority(self) -> bool:
        return self.kind.is_local_authority


class Period(StrEnum):
    """What a schedule's number of sessions is counted per."""

    WEEK = "week"
    HALF_TERM = "half_term"
    TERM = "term"  # spread over its two half terms
    ONCE = "once"  # the sessions in all, by the element's review or end date


#: How each period reads on the form: (Welsh, English).
_PER: dict[Period, tuple[str, str]] = {
    Period.WEEK: ("yr wythnos", "a week"),
    Period.HALF_TERM: ("bob hanner tymor", "each half term"),
    Period.TERM: ("bob tymor", "each term"),
    Period.ONCE: ("i gyd", "in all"),
}


@dataclass(frozen=True)
class AlpSchedule(_Value):
    """2B.2 "how often and for how long" as numbers (the Code's "must be specific" made
    checkable): ``sessions`` of ``minutes_each`` minutes per ``per``; term time only, or all
    year round. The text families read is rendered from it (``describe``), never typed."""

    sessions: int
    minutes_each: int
    per: Period
    term_time_only: bool = True

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 1 <= self.sessions <= 100:
            raise InvalidPlanContentError("a schedule has 1 to 100 sessions per period")
        if not 1 <= self.minutes_each <= 1440:
            raise InvalidPlanContentError("a session lasts 1 to 1440 minutes")
        if self.per in {Period.HALF_TERM, Period.TERM} and not self.term_time_only:
            raise InvalidPlanContentError("a schedule per term or half term is term time only")

    def describe(self, *, welsh: bool) -> str:
        """The schedule in words: "3 sessions of 30 minutes a week, term time only"."""
        cy, en = _PER[self.per]
        if welsh:  # a Welsh noun after a numeral stays singular
            when = "yn ystod y tymor yn unig" if self.term_time_only else "drwy'r flwyddyn"
            return f"{self.sessions} sesiwn o {self.minutes_each} munud {cy}, {when}"
        noun = "session" if self.sessions == 1 else "sessions"
        when = "term time only" if self.term_time_only else "all year round"
        return f"{self.sessions} {noun} of {self.minutes_each} minutes {en}, {when}"

    def bilingual(self) -> str:
        """Welsh first, then English, as the form prints every field."""
        return f"{self.describe(welsh=True)} / {self.describe(welsh=False)}"


_ELEMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")


@dataclass(frozen=True)
class AlpElement(_Value):
    """2B: one element of additional learning provision, one row of the form.

    Text may be left blank while drafting; issuing checks that everything is there and that
    frequency and duration are quantified (``completeness``).
    """

    element_id: str
    intended_outcome: str  # 2B.1, specific and measurable
    provision: str  # 2B.2 what is done
    delivered_by: str  # 2B.2 who does it
    frequency: str  # 2B.2 how often, e.g. "3 sessions a week"
    duration: str  # 2B.2 for how long, e.g. "30 minutes each, for 2 terms"
    in_welsh: bool | None  # 2B.3; None until decided
    provider_kind: ProviderKind  # 2B.4
    provider_organisation: str  # 2B.4, e.g. "school:6652001", "lhb:7A1"
    start_on: date | None  # 2B.5
    review_or_end_on: date | None  # 2B.6
    rationale: str  # 2B.7
    # 2B.2 as numbers; None in elements written before schedules (their text stands)
    schedule: AlpSchedule | None = None

    def __post_init__(self) -> None:
        schedule: object = self.schedule
        if isinstance(schedule, Mapping):  # as stored in events, or sent as JSON
            object.__setattr__(self, "schedule", AlpSchedule.from_dict(schedule))
        super().__post_init__()
        # the id names fields in errors ("alp[e1].frequency"), so keep it plain
        if not _ELEMENT_ID.fullmatch(self.element_id):
            raise InvalidPlanContentError(
                f"an ALP element id is letters, digits and _.:- only, not {self.element_id!r}"
            )
        if self.start_on and self.review_or_end_on and self.review_or_end_on < self.start_on:
            raise InvalidPlanContentError(
                f"ALP element {self.element_id} is reviewed or ends before it starts"
            )

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["schedule"] = self.schedule.as_dict() if self.schedule is not None else None
        return data

    @property
    def secured_by_nhs_body(self) -> bool:
        """The form shows this element as "ALP to be secured by the NHS body"."""
        return self.provider_kind is ProviderKind.NHS_BODY


@dataclass(frozen=True)
class OnePageProfile(_Value):
    """1C: "about me", in the learner's words where possible."""

    what_people_like_and_admire: str
    what_is_important: str
    how_best_to_support: str


@dataclass(frozen=True)
class AlnDescription(_Value):
    """2A: the learner's ALN and its impact on learning."""

    description: str
    impact_on_learning: str
    reasons_where_disputed: str | None


@dataclass(frozen=True)
class Section1(_Value):
    """Section 1: the learner and the plan's administration (the maintaining body is the
    plan's ``Maintainer``)."""

    learner_name: str
    date_of_birth: date
    home_language: str
    consent_and_capacity: str


@dataclass(frozen=True)
class LaExtras(_Value):
    """ "Other provision" in an LA-maintained plan only."""

    named_place: str | None  # a named school or institution place
    board_and_lodging: bool
    transport: str | None


@dataclass(frozen=True)
class Section3(_Value):
    """Section 3: information used, and review and transition planning."""

    information_used: str
    review_and_transition: str


@dataclass(frozen=True)
class LacDetails(_Value):
    """For a looked-after child: the plan is part of the personal education plan."""

    independent_reviewing_officer: str
    looking_after_authority: str
    personal_education_plan_reference: str


#: What was searched for a time limit on the LA's IDP after it decides "has ALN" on
#: reconsidering a school's decision (R1): docs/domain.md section 11, open questions.
NO_LIMIT_SEARCHED = (
    "the Act (ss.13-14, 26-28), the ALN (Wales) Regulations 2021 and the ALN Code for Wales "
    "2021 as summarised in docs/domain.md sections 3, 6 and 11"
)


@dataclass(frozen=True)
class NoStatutoryLimit(_Value):
    """A preparation with no statutory time limit found: recorded as such (never an invented
    date), with a reminder every ``remind_every_days`` days from ``opened_on`` [U]."""

    opened_on: date
    remind_every_days: int
    finding: str = "no statutory limit found"
    searched: str = NO_LIMIT_SEARCHED

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.remind_every_days < 1:
            raise InvalidPlanContentError("a reminder interval is at least one day")

    @property
    def first_reminder_on(self) -> date:
        """The first reminder: decided here, published on ``opened`` (the notifications
        service reads it, never recomputes it)."""
        return self.opened_on + timedelta(days=self.remind_every_days)

    def next_reminder_on(self, today: date) -> date:
        """The reminder after ``today`` on this schedule (the one ``llwybr.clock`` steps)."""
        return next_reminder_on(self.first_reminder_on, self.remind_every_days, today)
