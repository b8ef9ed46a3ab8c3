"""What a draft must contain before it can be issued (Code ch. 23 standard form, [S]).

Every problem is collected, so the preparer learns everything missing in one go. A bare
"support will be provided" is not acceptable: each ALP element says who does what, how often
and for how long, in numbers.
"""

import re
from collections.abc import Mapping
from typing import Any

MISSING = "missing"
NOT_QUANTIFIED = "not quantified: say how often or how long in numbers"
NO_ELEMENT = "at least one ALP element is needed"

# Besides any digit, words that quantify, in English and Welsh (plans may be written in
# either); unmutated Welsh forms only, so a digit is the safe choice.
_NUMBER_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
        "ninety", "hundred", "once", "twice", "half", "quarter", "daily", "weekly",
        "fortnightly", "monthly", "termly", "hourly",
        "un", "dau", "dwy", "tri", "tair", "pedwar", "pedair", "pump", "pum", "chwech",
        "chwe", "saith", "wyth", "naw", "deg", "deuddeg", "pymtheg", "ugain", "unwaith",
        "dwywaith", "teirgwaith", "hanner", "chwarter", "dyddiol", "wythnosol", "misol",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")

_SECTION_TEXTS: dict[str, tuple[str, ...]] = {
    "section_1": ("learner_name", "home_language", "consent_and_capacity"),
    "one_page_profile": (
        "what_people_like_and_admire",
        "what_is_important",
        "how_best_to_support",
    ),
    "aln_description": ("description", "impact_on_learning"),
}
_ELEMENT_TEXTS = (
    "intended_outcome",
    "provision",
    "delivered_by",
    "frequency",
    "duration",
    "provider_organisation",
    "rationale",
)
_SCHEDULED_TEXTS = tuple(n for n in _ELEMENT_TEXTS if n not in {"frequency", "duration"})
_LAC_TEXTS = (
    "independent_reviewing_officer",
    "looking_after_authority",
    "personal_education_plan_reference",
)


def is_quantified(text: str) -> bool:
    """True when ``text`` gives a number: a digit or a number word ("twice", "dwywaith")."""
    if any(ch.isdigit() for ch in text):
        return True
    return any(word in _NUMBER_WORDS for word in _WORD.findall(text.casefold()))


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _texts(
    problems: dict[str, str], prefix: str, data: Mapping[str, Any], names: tuple[str, ...]
) -> None:
    for name in names:
        if _blank(data.get(name)):
            problems[f"{prefix}.{name}"] = MISSING


def _element(problems: dict[str, str], element: Mapping[str, Any]) -> None:
    prefix = f"alp[{element['element_id']}]"
    if element.get("schedule") is not None:
        # quantified by construction: how often and how long are rendered from the numbers
        _texts(problems, prefix, element, _SCHEDULED_TEXTS)
    else:  # an element written before schedules: its text must give numbers
        _texts(problems, prefix, element, _ELEMENT_TEXTS)
        for name in ("frequency", "duration"):
            text = element.get(name)
            if not _blank(text) and not is_quantified(str(text)):
                problems[f"{prefix}.{name}"] = NOT_QUANTIFIED
    for name in ("in_welsh", "start_on", "review_or_end_on"):
        if element.get(name) is None:
            problems[f"{prefix}.{name}"] = MISSING


def _welsh_disagreement(in_welsh: object, elements: list[Mapping[str, Any]]) -> str | None:
    """Why the Welsh-language decision and the ALP disagree, if they do (issue 24): a plan
    that decides "in Welsh" with every element in English, or "not in Welsh" with elements
    in Welsh, is flagged before it is issued."""
    welsh = [e["element_id"] for e in elements if e.get("in_welsh") is True]
    if in_welsh is True and elements and not welsh:
        return "decides ALP in Welsh, but no element of ALP is in Welsh"
    if in_welsh is False and welsh:
        return f"decides ALP not in Welsh, but elements {', '.join(welsh)} are in Welsh"
    return None


def problems_before_issue(draft: Mapping[str, Any], *, looked_after: bool) -> dict[str, str]:
    """Every field the draft lacks, in form order, with why (empty when it can be issued)."""
    problems: dict[str, str] = {}
    for section, names in _SECTION_TEXTS.items():
        data = draft.get(section)
        if data is None:
            problems[section] = MISSING
        else:
            _texts(problems, section, data, names)
    elements = draft.get("alp") or []
    if not elements:
        problems["alp"] = NO_ELEMENT
    for element in elements:
        _element(problems, element)
    # every preparer must consider whether ALP should be in Welsh, and say so [C]
    if _blank(draft.get("welsh_language_decision")):
        problems["welsh_language_decision"] = MISSING
    elif (disagreement := _welsh_disagreement(draft.get("alp_in_welsh"), elements)) is not None:
        problems["welsh_language_decision"] = disagreement
    if looked_after:
        # a looked-after child's plan is part of the personal education plan [C s.15-19]
        lac = draft.get("lac_details")
        if lac is None:
            problems["lac_details"] = MISSING
        else:
            _texts(problems, "lac_details", lac, _LAC_TEXTS)
    return problems
