"""The case as a lay reader (a Tribunal panel, a family) reads it: each event by its public
name and its plain-language label in Welsh and English (``contracts.labels``, the one table),
the learner by name, and who acted by the organisation's name where it is known; ids only as
references.

The names are not decided here: the learner's is the registry's (the determination service),
an organisation's is the one it registered for its notices (the notifications service), both
read by the gateway as the auditor and given to ``readable_timeline``.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from contracts.labels import Label, label_of, public_name
from llwybr.organisations import REGISTER

#: What each kind of organisation is called when its own name is not known.
_KINDS = {
    "school": Label("Ysgol", "School"),
    "fei": Label("Sefydliad addysg bellach", "Further education institution"),
    "la": Label("Awdurdod lleol", "Local authority"),
    "lhb": Label("Bwrdd iechyd lleol", "Local health board"),
    "nhs": Label("Corff y GIG", "NHS body"),
    "tribunal": Label("Tribiwnlys Addysg Cymru", "Education Tribunal for Wales"),
    "auditor": Label("Archwilydd", "Auditor"),
    "system": Label("Llwybr (y system)", "Llwybr (the system)"),
}
_SYSTEM = Label("Llwybr (y system)", "Llwybr (the system)")


@dataclass(frozen=True)
class Names:
    """The names the auditor may read: the learner's, and organisations' by their code."""

    learner: str | None = None
    organisations: Mapping[str, Label] = field(default_factory=dict)


def organisation_of(actor: str | None) -> str | None:
    """The organisation an event's actor acted for (``subject@organisation``)."""
    if not actor or "@" not in actor:
        return None
    return actor.rpartition("@")[2] or None


def organisations_in(timeline: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every organisation that acted in the case, once, in order of first action."""
    found = (organisation_of(e.get("actor")) for e in timeline)
    return list(dict.fromkeys(o for o in found if o))


def organisation_name(code: str | None, names: Names) -> Label:
    """An organisation's registered name, else the register of Welsh public bodies' name
    (``llwybr.organisations``: the LAs and health boards), else its kind in words with its
    number."""
    if code is None:
        return _SYSTEM
    if code in names.organisations:
        return names.organisations[code]
    body = REGISTER.get(code)
    if body is not None:
        return Label(body.name_cy, body.name_en)
    kind, _, number = code.partition(":")
    words = _KINDS.get(kind)
    if words is None or kind in {"tribunal", "system"}:
        return words or Label(code, code)
    return Label(f"{words.cy} {number}", f"{words.en} {number}")


def readable_timeline(
    learner_id: str,
    timeline: list[dict[str, Any]],
    names: Names,
    documents: Mapping[tuple[str, int], str] | None = None,
) -> dict[str, Any]:
    """The case in plain language: the learner, then each event (when, what in both languages,
    by whom, and its references). ``documents`` names the bundle's file of an issued plan
    version by (plan id, version number)."""
    events = []
    for event in timeline:
        public = event.get("public_event")
        label = label_of(public)
        by = organisation_name(organisation_of(event.get("actor")), names)
        entry: dict[str, Any] = {
            "recorded_at": event.get("recorded_at"),
            "in_force_on": event.get("in_force_on"),
            "event": public_name(public) if public else None,
            "what": {"cy": label.cy, "en": label.en},
            "by": {"cy": by.cy, "en": by.en},
            "reference": {
                "service": event.get("service"),
                "record": event.get("aggregate_id"),
                "version": event.get("version"),
            },
        }
        plan = plan_version(event)
        if documents is not None and plan is not None and plan in documents:
            entry["document"] = documents[plan]
        events.append(entry)
    return {"learner_id": learner_id, "learner_name": names.learner, "events": events}


def plan_version(event: Mapping[str, Any]) -> tuple[str, int] | None:
    """(plan id, version number) of an event that issued a version of an IDP."""
    public = event.get("public_event")
    data = event.get("data") or {}
    if public is None or public_name(public) != "idp.issued":
        return None
    number = data.get("number") if isinstance(data, Mapping) else None
    if not isinstance(number, int):
        return None
    return str(event.get("aggregate_id")), number
