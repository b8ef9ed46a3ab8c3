"""Provision delivered, or missed and why, against the elements of the version in force: the
delivery ledger (issue 24).

A record counts its ``sessions`` and ``minutes``; it is one session or one period, named by
its element, its day and its ``key`` (e.g. "am", "pm", or "" for one record a day), so a
repeated record counts once. ``DeliveryRecorded`` is bound to the method that applies it in
``Idp`` (``idp.domain.plan``), so it is stored as ``Idp.DeliveryRecorded``.
"""

from datetime import date
from enum import StrEnum

from idp.domain.errors import (
    DateOutOfOrderError,
    DeliveryConflictError,
    InvalidPlanContentError,
    UnknownAlpElementError,
)
from idp.domain.provision import ElementProvision, ShortfallPolicy, provision_of
from idp.domain.state import PlanEvent, PlanState, element_in
from llwybr.clock import TermCalendar


class Language(StrEnum):
    """The language provision was given in (2B.3 says which it should be)."""

    WELSH = "cy"
    ENGLISH = "en"


class Delivering(PlanState):
    """Sessions delivered or missed, per element."""

    class DeliveryRecorded(PlanEvent):
        element_id: str
        version_number: int
        on: date
        delivered: bool
        sessions: int | None
        minutes: int | None
        missed_reason: str | None
        recorded_by: str
        # Stored since issue 24; older events read as one unnamed record in no language.
        key: str = ""
        language: str | None = None

    def provider_of(self, element_id: str) -> str | None:
        """The organisation providing an element of the version in force (2B.4), if any."""
        if not self.versions:
            return None
        for element in self.versions[-1]["content"]["alp"]:
            if element["element_id"] == element_id:
                return str(element["provider_organisation"])
        return None

    def unmeasurable_elements(self) -> list[str]:
        """The elements of the version in force with no schedule: their amount is text, so
        what is delivered cannot be measured against the plan (ADR 0021)."""
        if not self.versions:
            return []
        alp = self.versions[-1]["content"]["alp"]
        return [str(e["element_id"]) for e in alp if e.get("schedule") is None]

    def provision(
        self, calendar: TermCalendar | None, *, as_of: date, policy: ShortfallPolicy
    ) -> list[ElementProvision]:
        """Each element of the version in force, planned against delivered on ``as_of``,
        counted on ``calendar`` (the school days of term-time provision)."""
        if not self.versions:
            return []
        issued_on = self.versions[0]["issued_on"]
        return [
            provision_of(
                element,
                self.deliveries.get(element["element_id"], []),
                calendar,
                issued_on=issued_on,
                as_of=as_of,
                policy=policy,
            )
            for element in self.versions[-1]["content"]["alp"]
        ]

    def record_delivery(
        self,
        *,
        element_id: str,
        on: date,
        delivered: bool,
        sessions: int | None,
        minutes: int | None,
        missed_reason: str | None,
        recorded_by: str,
        key: str = "",
        language: Language | None = None,
    ) -> bool:
        """Whether an element of the version in force was delivered on a day, how many
        sessions (one unless said) and minutes: non-delivery must be provable, so a missed
        session says why. False (and nothing recorded) when the same record is on file."""
        sessions = 1 if sessions is None else sessions
        self._require_issued()
        number = len(self.versions)
        if not element_in(self.versions[-1], element_id):
            raise UnknownAlpElementError(f"element {element_id} is not in version {number}")
        if on < self.versions[0]["issued_on"]:
            raise DateOutOfOrderError(f"delivery ({on}) cannot predate the plan's issue")
        if delivered and missed_reason is not None:
            raise InvalidPlanContentError("a delivered session has no missed reason")
        if not delivered and not (missed_reason or "").strip():
            raise InvalidPlanContentError("a missed session needs a reason")
        if sessions < 1 or (minutes is not None and minutes < 0):
            raise InvalidPlanContentError("a record counts at least one session")
        if delivered and minutes == 0:
            raise InvalidPlanContentError("a delivered session lasts at least a minute")
        spoken = language.value if language is not None else None
        figures = {
            "delivered": delivered,
            "sessions": sessions,
            "minutes": minutes,
            "missed_reason": missed_reason,
            "language": spoken,
        }
        same = [
            r
            for r in self.deliveries.get(element_id, [])
            if r["on"] == on and r.get("key", "") == key
        ]
        if same:
            if all(same[0].get(name) == value for name, value in figures.items()):
                return False  # a repeat of the record on file: it counts once
            raise DeliveryConflictError(
                f"element {element_id} has a record for {on}"
                + (f" with key {key!r}" if key else "")
                + " with other figures: give another key for another session"
            )
        self._record_delivery(
            element_id=element_id,
            version_number=number,
            on=on,
            delivered=delivered,
            sessions=sessions,
            minutes=minutes,
            missed_reason=missed_reason,
            recorded_by=recorded_by,
            key=key,
            language=spoken,
        )
        return True

    def _record_delivery(
        self,
        element_id: str,
        version_number: int,
        on: date,
        delivered: bool,
        sessions: int | None,
        minutes: int | None,
        missed_reason: str | None,
        recorded_by: str,
        key: str = "",
        language: str | None = None,
    ) -> None:
        self.deliveries.setdefault(element_id, []).append(
            {
                "version_number": version_number,
                "on": on,
                "key": key,
                "delivered": delivered,
                "sessions": sessions,
                "minutes": minutes,
                "missed_reason": missed_reason,
                "language": language,
                "recorded_by": recorded_by,
            }
        )
