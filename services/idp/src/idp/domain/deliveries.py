"""Provision delivered, or missed and why, against the elements of the version in force.

``DeliveryRecorded`` is bound to the method that applies it in ``Idp`` (``idp.domain.plan``),
so it is stored as ``Idp.DeliveryRecorded``.
"""

from datetime import date

from idp.domain.errors import DateOutOfOrderError, InvalidPlanContentError, UnknownAlpElementError
from idp.domain.state import PlanEvent, PlanState, element_in


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
    ) -> None:
        """Whether an element of the version in force was delivered on a day: non-delivery
        must be provable, so a missed session says why."""
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
        if any(n is not None and n < 0 for n in (sessions, minutes)):
            raise InvalidPlanContentError("sessions and minutes cannot be negative")
        self._record_delivery(
            element_id=element_id,
            version_number=number,
            on=on,
            delivered=delivered,
            sessions=sessions,
            minutes=minutes,
            missed_reason=missed_reason,
            recorded_by=recorded_by,
        )

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
    ) -> None:
        self.deliveries.setdefault(element_id, []).append(
            {
                "version_number": version_number,
                "on": on,
                "delivered": delivered,
                "sessions": sessions,
                "minutes": minutes,
                "missed_reason": missed_reason,
                "recorded_by": recorded_by,
            }
        )
