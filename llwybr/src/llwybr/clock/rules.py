"""The versioned rule table: every statutory time limit as data, never as code.

Each rule carries its length, unit, what starts its clock, its source and how sure we are of it
(docs/domain.md section 3). A computed deadline records the rule id and the table version, so that a
corrected table (a new version) can be applied explicitly and the change explained.
"""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from types import MappingProxyType

from llwybr.clock import _json
from llwybr.clock.errors import InvalidRuleError, UnknownRuleError


class RuleId(StrEnum):
    """The statutory time limits by their id in the domain reference (docs/domain.md
    section 3). A ``StrEnum``, so stored deadlines and rule tables keep their plain ids."""

    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    D5 = "D5"
    D7 = "D7"
    D8 = "D8"
    D9 = "D9"
    D10 = "D10"
    D11 = "D11"
    D12 = "D12"
    D13 = "D13"
    D14 = "D14"
    D15 = "D15"
    D16 = "D16"
    D18 = "D18"
    D19 = "D19"
    D20 = "D20"


class Unit(StrEnum):
    """What a rule's length counts."""

    SCHOOL_DAYS = "school_days"
    TERM_TIME_DAYS = "term_time_days"
    WEEKS = "weeks"
    MONTHS = "months"
    WORKING_DAYS = "working_days"
    DAYS = "days"

    @property
    def counts_term_days(self) -> bool:
        """True for units counted on a term calendar (school days, FEI term-time days)."""
        return self in (Unit.SCHOOL_DAYS, Unit.TERM_TIME_DAYS)

    def describe(self, length: int) -> str:
        """``length`` in words: "35 school days", "1 week"."""
        words = self.value.replace("_", " ").replace("term time", "term-time")
        return f"{length} {words.removesuffix('s') if length == 1 else words}"


class Confidence(StrEnum):
    """docs/domain.md's tags: read in the primary text, secondary sources, or unconfirmed."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNCONFIRMED = "U"


@dataclass(frozen=True)
class Rule:
    """One statutory time limit."""

    id: str
    description: str
    #: None when no length is set in law (D16, D20): a deadline needs a configured length
    length: int | None
    unit: Unit
    clock_start: str
    source: str
    confidence: Confidence
    #: Regs 2(4): a period begins on the day after the trigger
    starts_day_after: bool = True
    #: Regs 2(4): a period ending on a non-working day runs to the next working day; only
    #: periods those Regulations set roll (docs/domain.md §3), never the Code's or the Act's
    rolls_to_working_day: bool = True
    #: the act is due by the first working day *after* the period ends (the Tribunal's
    #: appeal window, D18), not on its last day
    due_after_period: bool = False

    def __post_init__(self) -> None:
        if self.length is not None and self.length < 1:
            raise InvalidRuleError(f"rule {self.id} has length {self.length}: it must be positive")

    def as_dict(self) -> dict[str, object]:
        """The rule as a JSON object (so a corrected table can be stored, not released)."""
        # plain strings, not enum members, so the object is JSON whatever encoder is used
        return {**asdict(self), "unit": self.unit.value, "confidence": self.confidence.value}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "Rule":
        """The inverse of ``as_dict``; raises InvalidRuleError on a malformed object."""
        error = InvalidRuleError
        unit_value = _json.text(data, "unit", error)
        confidence_value = _json.text(data, "confidence", error)
        try:
            unit, confidence = Unit(unit_value), Confidence(confidence_value)
        except ValueError as exc:
            raise InvalidRuleError(f"rule {data.get('id')!r}: {exc}") from None
        return cls(
            id=_json.text(data, "id", error),
            description=_json.text(data, "description", error),
            length=_json.optional_integer(data, "length", error),
            unit=unit,
            clock_start=_json.text(data, "clock_start", error),
            source=_json.text(data, "source", error),
            confidence=confidence,
            starts_day_after=_json.boolean(data, "starts_day_after", error),
            rolls_to_working_day=_json.boolean(data, "rolls_to_working_day", error),
            # tables stored before the field existed
            due_after_period=bool(data.get("due_after_period", False)),
        )


@dataclass(frozen=True)
class RuleTable:
    """One version of the whole rule table. Corrections make a new version, never edit one."""

    version: str
    # a mapping is unhashable; the version alone is a fine hash for equal tables
    rules: Mapping[str, Rule] = field(hash=False)

    def __post_init__(self) -> None:
        for key, rule in self.rules.items():
            if key != rule.id:
                raise InvalidRuleError(f"rule table {self.version}: rule {rule.id} is under {key}")
        # a read-only copy: a table version must not change after deadlines cite it
        object.__setattr__(self, "rules", MappingProxyType(dict(self.rules)))

    @classmethod
    def of(cls, version: str, rules: Iterable[Rule]) -> "RuleTable":
        """A table keyed by each rule's id."""
        return cls(version, {rule.id: rule for rule in rules})

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; raises UnknownRuleError (a LookupError)."""
        try:
            return self.rules[rule_id]
        except KeyError:
            raise UnknownRuleError(rule_id, self.version) from None

    def corrected(self, version: str, *rules: Rule) -> "RuleTable":
        """A new table version with ``rules`` replacing (or joining) those with the same ids."""
        if version == self.version:
            raise InvalidRuleError(f"a corrected rule table needs a new version, not {version}")
        return RuleTable(version, {**self.rules, **{rule.id: rule for rule in rules}})

    def as_dict(self) -> dict[str, object]:
        """The table as a JSON object."""
        return {"version": self.version, "rules": [rule.as_dict() for rule in self.rules.values()]}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "RuleTable":
        """The inverse of ``as_dict``; raises InvalidRuleError on a malformed object."""
        rules = data.get("rules")
        if not isinstance(rules, list) or not all(isinstance(rule, Mapping) for rule in rules):
            raise InvalidRuleError("'rules' must be a list of rule objects")
        return cls.of(_json.text(data, "version", InvalidRuleError), map(Rule.from_dict, rules))


def _rule(
    rule_id: str,
    description: str,
    length: int | None,
    unit: Unit,
    clock_start: str,
    source: str,
    confidence: Confidence,
    *,
    counts_trigger_day: bool = False,
    rolls: bool = False,
    due_after_period: bool = False,
) -> Rule:
    return Rule(
        rule_id,
        description,
        length,
        unit,
        clock_start,
        source,
        confidence,
        starts_day_after=not counts_trigger_day,
        rolls_to_working_day=rolls,
        due_after_period=due_after_period,
    )


_C, _S, _U = Confidence.CONFIRMED, Confidence.SECONDARY, Confidence.UNCONFIRMED

#: docs/domain.md §3, row by row. [S] and [U] values are defaults an administrator corrects by
#: issuing a new table version. There is deliberately no six-monthly review for under-fives: that
#: is England's rule, with no Welsh source. Nor is there D22 (a transitional ALN notice on
#: request): the move from SEN finished on 31 August 2025 (docs/domain.md §9), so no clock can
#: start under it now; should one be needed, an administrator's correction can add the row.
DEFAULT_RULES = RuleTable.of(
    "2026.1",
    [
        _rule(
            RuleId.D1,
            "School decides whether the learner has ALN; if so, gives the IDP in the same limit",
            35,
            Unit.SCHOOL_DAYS,
            "day after possible ALN is brought to the school's attention",
            "ALN Code [S]",
            _S,
        ),
        _rule(
            RuleId.D2,
            "FEI decides whether the young person has ALN; if so, gives the IDP",
            35,
            Unit.TERM_TIME_DAYS,
            "day after possible ALN is brought to the FEI's attention (after consent)",
            "ALN Code [S]",
            _S,
        ),
        _rule(
            RuleId.D3,
            "LA decides whether the learner has ALN; if so, gives the IDP",
            12,
            Unit.WEEKS,
            "day after possible ALN is brought to the LA's attention or a referral is received",
            "ALN Code [S]",
            _S,
        ),
        _rule(
            RuleId.D4,
            "LA looking after a child decides whether it has ALN; if so, prepares the IDP",
            12,
            Unit.WEEKS,
            "day after possible ALN is brought to the LA's attention or a referral is received",
            "Act s.15-19 / ALN Code [S]",
            _S,
        ),
        _rule(
            RuleId.D5,
            "LA decides an IDP is not necessary for a young person outside school or FEI",
            12,
            Unit.WEEKS,
            "day after the young person's consent",
            "Act / Regs [C]",
            _C,
            rolls=True,
        ),
        _rule(
            RuleId.D7,
            "NHS body answers a referral (relevant treatment or service identified or not)",
            6,
            Unit.WEEKS,
            "day after the NHS body receives the referral",
            "Act / Regs [C]",
            _C,
            rolls=True,
        ),
        _rule(
            RuleId.D8,
            "LA reconsiders a school's decision on whether the learner has ALN",
            7,
            Unit.WEEKS,
            "day after the request is received",
            "Act s.26 / ALN Code [S]",
            _S,
        ),
        _rule(
            RuleId.D9,
            "LA reconsiders a school's IDP (assumed the same limit as D8)",
            7,
            Unit.WEEKS,
            "day after the request is received",
            "Act s.27 [U]",
            _U,
        ),
        _rule(
            RuleId.D10,
            "LA decides whether to take over a school's IDP (assumed the same limit as D8)",
            7,
            Unit.WEEKS,
            "day after the request is received",
            "Act s.28 [U]",
            _U,
        ),
        _rule(
            RuleId.D12,
            "LA reconsiders a school's decision to cease an IDP (assumed the same limit as D8)",
            7,
            Unit.WEEKS,
            "day after the request is received",
            "Act s.32 [U]",
            _U,
        ),
        _rule(
            RuleId.D11,
            "Family may ask the LA to reconsider a school's decision to cease an IDP",
            4,
            Unit.WEEKS,
            "day after the later cease notice is given",
            "Act s.32 / Regs [C]",
            _C,
            rolls=True,
        ),
        _rule(
            RuleId.D13,
            "FEI answers an LA request to take over an IDP (then the LA may refer to Ministers)",
            20,
            Unit.TERM_TIME_DAYS,
            "day after the FEI receives the LA's request",
            "Regs [C]",
            _C,
            rolls=True,
        ),
        _rule(
            RuleId.D14,
            "IDP review",
            12,
            Unit.MONTHS,
            "day after the IDP (or the last revised IDP or no-revision notice) is first given",
            "Act / Regs [C]",
            _C,
            counts_trigger_day=True,
        ),
        _rule(
            RuleId.D15,
            "IDP review for a looked-after child",
            12,
            Unit.MONTHS,
            "day after the IDP (or the last revised IDP or no-revision notice) is first given",
            "Act / Regs [C]",
            _C,
            counts_trigger_day=True,
        ),
        _rule(
            RuleId.D16,
            "Extra IDP review on request (family: may be declined; NHS body with ALP in the IDP: "
            "must review); no statutory length, unit a placeholder until configured",
            None,
            Unit.WEEKS,
            "day after the request is received",
            "Act / Regs [C]",
            _C,
        ),
        _rule(
            RuleId.D18,
            "Appeal to the Tribunal (8 more weeks if disagreement resolution starts in time; "
            "the President may admit late appeals)",
            8,
            Unit.WEEKS,
            "day after the notice of decision and right of appeal is given",
            "ETW Regs [S]",
            _S,
            counts_trigger_day=True,
            due_after_period=True,
        ),
        _rule(
            RuleId.D19,
            "Application for the Tribunal to review its decision",
            28,
            Unit.DAYS,
            "day after the decision is sent",
            "ETW Regs [C]",
            _C,
            rolls=True,
        ),
        _rule(
            RuleId.D20,
            "NHS body reports back to the Tribunal on a recommendation; length unknown, "
            "unit a placeholder until configured",
            None,
            Unit.WEEKS,
            "day after the recommendation is received",
            "ETW Regs [U]",
            _U,
        ),
    ],
)
