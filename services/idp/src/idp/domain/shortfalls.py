"""Shortfalls of provision found and ended (issue 24): the plan records when an element fell
short of its schedule, and when it no longer is, so the provider, the maintainer and the LA
are told once (``aln.idp.v1`` ``provision-shortfall-found``), and a shortfall still open is
listed for the next review.

Judging is pure (``idp.domain.provision``); the day and the calendar are the caller's. The
events here are bound to their methods in ``Idp`` (``idp.domain.plan``).
"""

from copy import deepcopy
from datetime import date
from typing import Any

from idp.domain.provision import ElementProvision
from idp.domain.state import ENDED, PlanEvent, PlanState


class Monitoring(PlanState):
    """The open shortfalls of the elements in force."""

    class ProvisionShortfallFound(PlanEvent):
        """An element fell short of its schedule (or fell short in another way)."""

        element_id: str
        provider_organisation: str
        maintaining_organisation: str
        found_on: date
        since: date  # when the element was first found short, if it still is
        kinds: list[str]
        window_share: float | None  # delivered / due over the window, where judged

    class ProvisionShortfallEnded(PlanEvent):
        """An element short before is no longer short."""

        element_id: str
        ended_on: date

    def open_shortfalls(self) -> dict[str, dict[str, Any]]:
        """Element id -> its open shortfall (since when, why): what the next review lists."""
        return deepcopy(self.__dict__.get("shortfalls", {}))

    def judge_provision(self, provision: list[ElementProvision], on: date) -> list[str]:
        """Record what changed since the last judgement: an element newly short (or short in
        another way), or no longer short. The element ids that changed; none when the plan
        has ended (its provision is no longer due)."""
        if self.status in ENDED:
            return []
        open_now = self.open_shortfalls()
        changed = []
        for element in provision:
            kinds = [k.value for k in element.shortfalls]
            held = open_now.get(element.element_id)
            if kinds and (held is None or held["kinds"] != kinds):
                share = element.window_share
                self._find_shortfall(
                    element_id=element.element_id,
                    provider_organisation=element.provider_organisation,
                    maintaining_organisation=self.maintainer["organisation"],
                    found_on=on,
                    since=held["since"] if held is not None else on,
                    kinds=kinds,
                    window_share=None if share is None else round(float(share), 3),
                )
                changed.append(element.element_id)
            elif not kinds and held is not None:
                self._end_shortfall(element_id=element.element_id, ended_on=on)
                changed.append(element.element_id)
        return changed

    def _find_shortfall(
        self,
        element_id: str,
        provider_organisation: str,
        maintaining_organisation: str,
        found_on: date,
        since: date,
        kinds: list[str],
        window_share: float | None,
    ) -> None:
        shortfalls = self.__dict__.setdefault("shortfalls", {})
        shortfalls[element_id] = {
            "since": since,
            "found_on": found_on,
            "provider_organisation": provider_organisation,
            "kinds": list(kinds),
            "window_share": window_share,
        }

    def _end_shortfall(self, element_id: str, ended_on: date) -> None:
        self.__dict__.setdefault("shortfalls", {}).pop(element_id, None)
