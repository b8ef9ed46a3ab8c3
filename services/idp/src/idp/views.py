"""What the service's queries answer: a plan as its callers see it, and what an issued version
looks like on paper (the renderer's input, from the frozen snapshot)."""

import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from idp.domain import PREPARATION, REVIEW, AlpSchedule, Idp, NoStatutoryLimit, RevisionReason
from idp.domain.state import ENDED
from idp.rendering import AlpElementView, IdpDocument
from llwybr.clock import ClockState, Deadline, Stopped, read_deadline
from llwybr.organisation_ids import LA_ID
from llwybr.organisations import name_of


@dataclass(frozen=True)
class PlanView:
    """A plan: its draft, deadlines (each with its ``state`` as ``/v1/reminders`` judges it),
    reviews and history (copies: changing them changes no plan)."""

    id: UUID
    version: int
    learner_id: str
    status: str
    maintainer: dict[str, Any]
    looked_after: bool
    current_plan_version: int
    deadlines: dict[str, Any]
    draft: dict[str, Any]
    problems_before_issue: dict[str, str]
    revision_due: list[str]
    revision_due_by: date | None
    revision_directions: list[dict[str, Any]]
    revision_orders: list[dict[str, Any]]
    review_requests: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    transfers: list[dict[str, Any]]
    fei_request: dict[str, Any] | None
    cease: dict[str, Any] | None
    closure: dict[str, Any] | None
    deliveries: dict[str, list[dict[str, Any]]]
    # open shortfalls of provision (issue 24): what the next review lists
    shortfalls: dict[str, dict[str, Any]]


def stopped_clocks(plan: Idp) -> dict[str, Stopped]:
    """When each of the plan's clocks stopped, as ``/v1/reminders`` records it from the plan's
    events: the preparation clock is met when version 1 is issued; the review clock when a
    review is held that revises the plan (the revision then starts the next period; a review
    not revised starts it at once); every clock still running is cancelled when the plan is
    ceased or closed."""
    stopped: dict[str, Stopped] = {}
    if plan.versions:
        stopped[PREPARATION] = Stopped(ClockState.MET, plan.versions[0]["issued_on"])
    if RevisionReason.REVIEW.value in plan.revision_due and plan.reviews:
        stopped[REVIEW] = Stopped(ClockState.MET, plan.reviews[-1]["held_on"])
    if plan.status in ENDED:
        for key in plan.deadlines.keys() - stopped.keys():
            stopped[key] = Stopped(ClockState.CANCELLED, plan.last_dated_on)
    return stopped


def deadlines_view(plan: Idp, today: date) -> dict[str, Any]:
    """Each deadline as stored (``provisional`` included) with its ``state``, ``overdue`` and
    ``days_left`` on ``today``."""
    stopped = stopped_clocks(plan)
    shown = {
        key: data | read_deadline(Deadline.from_dict(data), today, stopped.get(key)).as_dict()
        for key, data in deepcopy(plan.deadlines).items()
    }
    without_limit = getattr(plan, "preparation_without_limit", None)
    if without_limit is not None and PREPARATION not in shown:
        shown[PREPARATION] = _no_limit(NoStatutoryLimit(**without_limit), stopped, today)
    return shown


def _no_limit(record: NoStatutoryLimit, stopped: dict[str, Stopped], today: date) -> dict[str, Any]:
    """A preparation with no statutory limit found: said so, never a date; open (reminded
    every ``remind_every_days``) until the plan is issued, then met."""
    done = stopped.get(PREPARATION)
    every = record.remind_every_days
    next_reminder = record.next_reminder_on(today) if done is None else None
    return {
        "rule_id": None,
        "due_on": None,
        "statutory_limit": record.finding,
        "searched": record.searched,
        "trigger_date": record.opened_on,
        "remind_every_days": every,
        "next_reminder_on": next_reminder,
        "provisional": False,
        "state": (done.state if done is not None else ClockState.OPEN).value,
        "overdue": False,
        "days_left": None,
    }


@dataclass(frozen=True)
class ProvisionView:
    """A plan's provision, planned against delivered, to a day, and the calendar counted on."""

    id: UUID
    as_of: date
    calendar: str | None  # "Ysgol ... (school:6652001 v2)"; None: none known here yet
    elements: list[dict[str, Any]]

    @property
    def short(self) -> list[str]:
        """The elements flagged short."""
        return [e["element_id"] for e in self.elements if e["shortfalls"]]

    @property
    def provisional(self) -> bool:
        """Whether figures were counted without a calendar (on working days): shown, not
        judged, until the school or its learner's LA publishes one."""
        return any(e["provisional"] for e in self.elements)


def plan_view(plan: Idp, today: date) -> PlanView:
    return PlanView(
        id=plan.id,
        version=plan.version,
        learner_id=plan.learner_id,
        status=str(plan.status),
        maintainer=deepcopy(plan.maintainer),
        looked_after=plan.looked_after,
        current_plan_version=plan.current_version,
        deadlines=deadlines_view(plan, today),
        draft=deepcopy(plan.draft),
        problems_before_issue=plan.problems_before_issue(),
        revision_due=list(plan.revision_due),
        revision_due_by=plan.revision_due_by,
        revision_directions=deepcopy(plan.revision_directions),
        revision_orders=deepcopy(plan.revision_orders),
        review_requests=deepcopy(plan.review_requests),
        reviews=deepcopy(plan.reviews),
        transfers=deepcopy(plan.transfers),
        fei_request=deepcopy(plan.fei_request),
        cease=deepcopy(plan.cease),
        closure=deepcopy(plan.closure),
        deliveries=deepcopy(plan.deliveries),
        shortfalls=plan.open_shortfalls(),
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


#: The kinds of maintaining body, in words (Welsh / English), never as their values.
MAINTAINER_KINDS = {
    "school": "corff llywodraethu\u2019r ysgol / the school\u2019s governing body",
    "fei": "corff llywodraethu\u2019r sefydliad addysg bellach / the further education "
    "institution\u2019s governing body",
    "local_authority": "yr awdurdod lleol / the local authority",
    "la_looking_after": "yr awdurdod lleol sy\u2019n gofalu am y plentyn / the local authority "
    "looking after the child",
}


def lac_in_words(details: dict[str, Any]) -> dict[str, str]:
    """The looked-after details as the plan prints them: the looking-after LA named (an id
    since issue 20; free text recorded before then is printed as it was given)."""
    words = {k: _text(v) for k, v in details.items()}
    authority = words.get("looking_after_authority", "")
    if re.match(LA_ID, authority):
        words["looking_after_authority"] = named(authority)
    return words


def named(organisation: str) -> str:
    """An organisation as the standard form names it: from the Welsh public bodies' register
    (Welsh / English), else by kind and number; never by its id (``la:665``)."""
    if not organisation:
        return ""
    welsh, english = name_of(organisation, "cy"), name_of(organisation, "en")
    return welsh if welsh == english else f"{welsh} / {english}"


def maintainer_named(maintainer: dict[str, Any]) -> str:
    """The body maintaining the plan, named, with its kind in words."""
    kind = MAINTAINER_KINDS.get(str(maintainer["kind"]), "y corff / the body")
    return f"{named(str(maintainer['organisation']))} ({kind})"


def _frequency(element: dict[str, Any]) -> str:
    """How often, as families read it: rendered from the schedule in Welsh and English, or
    the text of an element written before schedules."""
    if element.get("schedule") is None:
        return _text(element["frequency"])
    return AlpSchedule.from_dict(element["schedule"]).bilingual()


def document_of(plan: Idp, version: dict[str, Any]) -> IdpDocument:
    """Issued version ``version`` of ``plan``, as the renderer lays it out."""
    content = version["content"]
    section_1 = content.get("section_1") or {}
    profile = content.get("one_page_profile") or {}
    aln = content.get("aln_description") or {}
    maintainer = content["maintainer"]
    return IdpDocument(
        plan_id=str(plan.id),
        version=int(version["number"]),
        issued_on=_text(version["issued_on"]),
        review_by=_text(version["review_by"]["due_on"]),
        learner_name=_text(section_1.get("learner_name")),
        date_of_birth=_text(section_1.get("date_of_birth")),
        home_language=_text(section_1.get("home_language")),
        consent_and_capacity=_text(section_1.get("consent_and_capacity")),
        maintainer=maintainer_named(maintainer),
        one_page_profile={k: _text(v) for k, v in profile.items()},
        aln_description=_text(aln.get("description")),
        impact_on_learning=_text(aln.get("impact_on_learning")),
        reasons_where_disputed=_text(aln.get("reasons_where_disputed")),
        alp=tuple(
            AlpElementView(
                element_id=_text(e["element_id"]),
                intended_outcome=_text(e["intended_outcome"]),
                provision=_text(e["provision"]),
                delivered_by=_text(e["delivered_by"]),
                frequency=_frequency(e),
                duration=_text(e["duration"]),
                in_welsh=e["in_welsh"],
                provider_kind=_text(e["provider_kind"]),
                provider_organisation=named(_text(e["provider_organisation"])),
                start_on=_text(e["start_on"]),
                review_or_end_on=_text(e["review_or_end_on"]),
                rationale=_text(e["rationale"]),
            )
            for e in content["alp"]
        ),
        welsh_language_decision=_text(content.get("welsh_language_decision")),
        la_extras=(
            {k: _text(v) for k, v in content["la_extras"].items()}
            if content.get("la_extras")
            else None
        ),
        section_3={k: _text(v) for k, v in (content.get("section_3") or {}).items()},
        lac=(lac_in_words(content["lac_details"]) if content.get("lac_details") else None),
    )
