"""The learner as known when a concern is raised, and the Unique Pupil Number check."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from contracts.organisations import setting_id
from determination.domain.errors import InvalidLearnerError, InvalidUpnError

_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_check_letter(body: str) -> str:
    """The check letter of a UPN's last 12 characters (weights 2..13, modulo 23)."""
    total = 0
    for weight, char in zip(range(2, 14), body, strict=True):
        total += weight * (int(char) if char.isdigit() else _CHECK_LETTERS.index(char))
    return _CHECK_LETTERS[total % 23]


def validate_upn(upn: str) -> str:
    """Return the UPN normalised (upper case) or raise InvalidUpnError saying what is wrong.

    Welsh LA numbers are accepted (unlike python-stdnum, which knows only English ones), and
    so are other LAs' numbers: learners move between the two countries with their UPN.
    """
    value = upn.strip().upper()
    if len(value) != 13:
        raise InvalidUpnError(f"a UPN has 13 characters, {upn!r} has {len(value)}")
    check, body = value[0], value[1:]
    if not body[:11].isdigit():
        raise InvalidUpnError(
            f"characters 2 to 12 of a UPN are digits (LA, establishment, year, serial): {upn!r}"
        )
    last = body[11]
    if not (last.isdigit() or last in _CHECK_LETTERS):
        raise InvalidUpnError(f"the last character of a UPN is a digit or a letter: {upn!r}")
    expected = upn_check_letter(body)
    if check != expected:
        raise InvalidUpnError(f"the check letter of {value} should be {expected}, not {check}")
    return value


class Setting(StrEnum):
    """Where the learner is educated, as the routing rule (docs/domain.md section 2) needs it."""

    MAINTAINED_SCHOOL = "maintained_school"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit"
    FURTHER_EDUCATION = "further_education"
    EARLY_YEARS = "early_years"  # under compulsory school age, not at a maintained school
    INDEPENDENT_SCHOOL = "independent_school"
    EDUCATED_OTHERWISE = "educated_otherwise"
    HOME_EDUCATED = "home_educated"
    DETAINED = "detained"
    NOT_IN_EDUCATION = "not_in_education"  # e.g. a young person outside school or FEI


#: Settings where no "IDP not necessary" decision is made for a young person: a registered pupil
#: at a maintained school (a PRU included) or a student at an FEI always gets an IDP (Act
#: s.14(1)(b)); for a detained one the home authority decides under s.40(2)(b), by other rules
#: (Regs 18). Any other young person's LA may decide an IDP is not necessary (s.14(1)(c)).
_NO_NECESSITY_DECISION = frozenset(
    {
        Setting.MAINTAINED_SCHOOL,
        Setting.PUPIL_REFERRAL_UNIT,
        Setting.FURTHER_EDUCATION,
        Setting.DETAINED,
    }
)


@dataclass(frozen=True)
class Learner:
    """The learner's record as known when the concern was raised."""

    learner_id: str
    given_name: str | None  # None only once erased (ADR 0023): read back, never given
    family_name: str | None
    date_of_birth: date | None
    setting: Setting
    local_authority: str  # the LA responsible, by its number (e.g. "665")
    # The school's or FEI's establishment number, when at one: bare, as the learner's stored
    # events always recorded it (never rewritten); ``setting_organisation`` is its public form.
    setting_id: str | None = None
    upn: str | None = None
    looked_after: bool = False
    looking_after_authority: str | None = None  # "ENG" for an English LA
    dual_registered: bool = False
    young_person: bool = False
    home_language: str = "en"
    welsh_medium: bool = False
    resident_in_england: bool = False

    def __post_init__(self) -> None:
        if self.upn is not None:
            object.__setattr__(self, "upn", validate_upn(self.upn))
        if self.looked_after and not self.looking_after_authority:
            raise InvalidLearnerError("a looked-after child needs the authority looking after them")
        if self.setting in {Setting.MAINTAINED_SCHOOL, Setting.PUPIL_REFERRAL_UNIT,
                            Setting.FURTHER_EDUCATION} and not self.setting_id:  # fmt: skip
            raise InvalidLearnerError(f"a learner at a {self.setting.value} needs its setting id")

    @property
    def setting_organisation(self) -> str | None:
        """The school or FEI the learner is at, in the one form (``school:6652001``,
        ``fei:10001234``; ``contracts.organisations``), or None when at neither."""
        if not self.setting_id:
            return None
        return setting_id(
            self.setting_id, further_education=self.setting is Setting.FURTHER_EDUCATION
        )

    @property
    def born_on(self) -> date:
        """The date of birth, which a learner whose personal data was erased no longer has."""
        if self.date_of_birth is None:
            raise InvalidLearnerError("the learner's personal data was erased")
        return self.date_of_birth

    @property
    def idp_may_be_unnecessary(self) -> bool:
        """A young person outside a maintained school or FEI: the LA may decide an IDP is not
        necessary to meet their reasonable needs for education or training (s.14(1)(c))."""
        return self.young_person and self.setting not in _NO_NECESSITY_DECISION

    def as_dict(self) -> dict[str, Any]:
        data = dict(vars(self))
        data["date_of_birth"] = self.date_of_birth.isoformat() if self.date_of_birth else None
        data["setting"] = self.setting.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Learner":
        values = dict(data)
        born = values["date_of_birth"]
        values["date_of_birth"] = date.fromisoformat(born) if born is not None else None
        values["setting"] = Setting(values["setting"])
        return cls(**values)
