# ruff: noqa: RUF001  (the typographic apostrophe is part of the Welsh text)
"""A deadline's explanation in Welsh, for the Welsh version of a notice.

``compute_deadline`` writes each deadline's explanation in English, in one fixed form ("35
school days from 3 March 2026 under D1 (rules 2026.1), Wrexham 2025/26 calendar v2: due 21
April 2026"), and the events carry that sentence. This module, beside the code that writes
it, reads that form back and says the same in Welsh; a sentence not in that form (written by
an older version, or by hand) gives None, and the notice then says what it can without it.
"""

import re

_MONTHS = {
    "January": "Ionawr",
    "February": "Chwefror",
    "March": "Mawrth",
    "April": "Ebrill",
    "May": "Mai",
    "June": "Mehefin",
    "July": "Gorffennaf",
    "August": "Awst",
    "September": "Medi",
    "October": "Hydref",
    "November": "Tachwedd",
    "December": "Rhagfyr",
}
#: Welsh counts take the singular noun: "35 diwrnod ysgol", "12 wythnos".
_UNITS = {
    "school day": "diwrnod ysgol",
    "term-time day": "diwrnod yn ystod y tymor",
    "week": "wythnos",
    "month": "mis",
    "working day": "diwrnod gwaith",
    "day": "diwrnod",
}
_DATE = r"\d{1,2} (?:" + "|".join(_MONTHS) + r") \d{4}"
_PERIOD = r"(\d+) (school|term-time|working)? ?(day|week|month)s?"
_FORM = re.compile(
    rf"^(?P<period>{_PERIOD})(?: \(extended by (?P<extension>{_PERIOD})\))?"
    rf" (?P<start>from|beginning with) (?P<trigger>{_DATE})"
    r" under (?P<rule>\S+) \(rules (?P<version>[^)]+)\)"
    r"(?:, (?P<calendar>.+) calendar v(?P<calendar_version>\d+)"
    r"|(?P<provisional>, no term calendar so counted as working days \(provisional\)))?"
    rf": (?:due (?P<due>{_DATE})"
    rf"|(?P<holiday>{_DATE}) is not a working day, so due (?P<rolled>{_DATE})"
    rf"|the period ends (?P<end>{_DATE}), so due the first working day after, (?P<after>{_DATE}))$"
)


def _date(english: str) -> str:
    day, month, year = english.split(" ")
    return f"{day} {_MONTHS[month]} {year}"


def _period(english: str) -> str:
    match = re.fullmatch(_PERIOD, english)
    assert match is not None  # matched as part of _FORM
    count, kind, unit = match.groups()
    words = f"{kind} {unit}" if kind else unit
    return f"{count} {_UNITS[words]}"


def explanation_in_welsh(explanation: str) -> str | None:
    """``explanation`` (as ``compute_deadline`` writes it) in Welsh; None for another form."""
    match = _FORM.match(explanation.strip())
    if match is None:
        return None
    m = match.groupdict()
    text = _period(m["period"])
    if m["extension"]:
        text += f" (wedi’i estyn {_period(m['extension'])})"
    trigger = _date(m["trigger"])
    text += f" o {trigger}" if m["start"] == "from" else f" gan ddechrau ar {trigger}"
    text += f" dan reol {m['rule']} (tabl rheolau {m['version']})"
    if m["calendar"]:
        text += f", calendr {m['calendar']} fersiwn {m['calendar_version']}"
    elif m["provisional"]:
        text += ", heb galendr tymor felly cyfrifwyd diwrnodau gwaith (dros dro)"
    if m["due"]:
        text += f": i’w wneud erbyn {_date(m['due'])}"
    elif m["holiday"]:
        text += (
            f": nid yw {_date(m['holiday'])} yn ddiwrnod gwaith, felly i’w wneud erbyn "
            f"{_date(m['rolled'])}"
        )
    else:
        text += (
            f": daw’r cyfnod i ben ar {_date(m['end'])}, felly i’w wneud erbyn y diwrnod gwaith "
            f"cyntaf wedyn, {_date(m['after'])}"
        )
    return text
