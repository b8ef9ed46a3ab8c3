"""The same commands without HTTP, to see what each layer costs.

- ``bare``: the eventsourcing library as its documentation shows it: a plain ``Application``
  with plain ``Aggregate``s on ``eventsourcing.postgres``, appending events equivalent to
  ours (same names and payloads, dates as strings). No hash chain, no actor, no deadlines.
- ``service``: our service layer in-process (``DeterminationService`` and ``IdpService`` on
  the chained store), doing what the routes call, with no HTTP, gateway, tokens or audit.

Each worker thread repeats one learner's path (concern, graduated response, decision, and for
every other learner the plan's description of ALN) for a fixed time, timing each command as
the HTTP benchmark does. The plan's opening (done by a consumer in the real system) is not
counted as a command.
"""

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from contracts.determination import LearnerRelationsRecorded
from determination.api.determinations import concern_of
from determination.api.schemas import ConcernIn, DecisionIn, GraduatedResponseIn
from determination.application import DeterminationService
from idp.api.schemas import AlnDescriptionIn
from idp.application import IdpService
from idp.domain import AlnDescription, Maintainer, MaintainerKind
from llwybr.principal import Principal
from tests.workload import ALN_DESCRIPTION, GRADUATED_RESPONSE, SCHOOL, concern, decision


class Case(Aggregate):
    @event("ConcernRaised")
    def __init__(self, learner: dict[str, Any], raised_by: str, raised_with: str,
                 came_to_attention_on: str, decision_deadline: dict[str, Any]) -> None:  # fmt: skip
        self.learner, self.raised_by = learner, raised_by
        self.decision: dict[str, Any] | None = None
        self.graduated_response: list[dict[str, Any]] = []

    @event("GraduatedResponseRecorded")
    def record_graduated_response(self, level: str, description: str,
                                  small_steps_targets: list[str],
                                  termly_reviews: list[dict[str, Any]], recorded_on: str,
                                  recorded_by: str) -> None:  # fmt: skip
        self.graduated_response.append({"level": level, "description": description})

    @event("Decided")
    def decide(self, has_aln: bool, reasons: str, decided_on: str, decided_by: str,
               person: str) -> None:  # fmt: skip
        self.decision = {"has_aln": has_aln, "decided_on": decided_on}


class Plan(Aggregate):
    @event("Opened")
    def __init__(self, learner_id: str, maintainer: dict[str, str], opened_on: str) -> None:
        self.learner_id, self.maintainer = learner_id, maintainer
        self.aln_description: dict[str, str] | None = None

    @event("AlnDescriptionSet")
    def set_aln_description(self, description: str, impact_on_learning: str) -> None:
        self.aln_description = {"description": description, "impact": impact_on_learning}


class BareCases(Application[uuid.UUID]):
    name = "barecases"


DEADLINE = {"rule_id": "D1", "rule_table_version": "2021.1", "unit": "school_days", "length": 35,
            "trigger_date": "2026-03-02", "due_on": "2026-04-28", "calendar_id": None,
            "calendar_version": None, "provisional": True,
            "explanation": "35 school days"}  # fmt: skip


@dataclass(frozen=True)
class Timing:
    kind: str
    seconds: float


Step = Callable[[int, Callable[[str, Callable[[], object]], None]], None]


def bare_step(app: BareCases) -> Step:
    def path(number: int, timed: Callable[[str, Callable[[], object]], None]) -> None:
        body = concern(f"bare-{number}")
        case = Case(body["learner"], SCHOOL, SCHOOL, body["came_to_attention_on"], DEADLINE)
        timed("raise", lambda: app.save(case))

        def evidence() -> None:
            c: Case = app.repository.get(case.id)
            c.record_graduated_response(**GRADUATED_RESPONSE)
            app.save(c)

        has_aln = number % 2 == 0

        def decide() -> None:
            c: Case = app.repository.get(case.id)
            c.decide(**decision(has_aln))
            app.save(c)

        timed("evidence", evidence)
        timed("decide", decide)
        if has_aln:  # the consumer's part: not a command, not timed
            plan = Plan(f"bare-{number}", {"kind": "school", "organisation": SCHOOL}, "2026-03-20")
            app.save(plan)

            def amend() -> None:
                p: Plan = app.repository.get(plan.id)
                p.set_aln_description(**ALN_DESCRIPTION)
                app.save(p)

            timed("amend", amend)

    return path


#: The school acting through the service layer (the route passes the gateway's principal).
ALNCO = Principal("bench", SCHOOL, frozenset())


def raise_concern(determinations: DeterminationService, local_id: str) -> tuple[uuid.UUID, str]:
    """What ``POST /v1/determinations`` calls, with the arguments its request model makes: the
    school names its pupil by its own id; the case and the registry's id for the learner."""
    body = ConcernIn.model_validate(concern(local_id))
    raised = determinations.raise_concern(ALNCO, concern_of(body))
    return raised.determination_id, raised.learner_id


def record_evidence(determinations: DeterminationService, case_id: uuid.UUID) -> int:
    evidence = GraduatedResponseIn.model_validate(GRADUATED_RESPONSE)
    data = evidence.model_dump()
    data["termly_reviews"] = [r.model_dump(mode="json") for r in evidence.termly_reviews]
    return determinations.record_graduated_response(ALNCO, case_id, **data)


def decide(determinations: DeterminationService, case_id: uuid.UUID, has_aln: bool) -> int:
    return determinations.decide(
        ALNCO, case_id, **DecisionIn.model_validate(decision(has_aln)).model_dump()
    )


def amend(plans: IdpService, plan_id: uuid.UUID) -> int:
    value = AlnDescription.from_dict(AlnDescriptionIn.model_validate(ALN_DESCRIPTION).model_dump())
    maintainer = Principal("bench", SCHOOL, frozenset())
    return plans.set_aln_description(maintainer, plan_id, value, expected_version=None)


def relations_of(learner_id: str) -> LearnerRelationsRecorded:
    """The registry's facts about a learner of the school, as its public event states them."""
    return LearnerRelationsRecorded(
        learner_id=learner_id, responsible_authority="la:665", enrolled_at=[SCHOOL],
        compulsory_school_age_on=date(2022, 9, 1), young_person_on=date(2033, 9, 1),
    )  # fmt: skip


def service_step(determinations: DeterminationService, plans: IdpService) -> Step:
    def path(number: int, timed: Callable[[str, Callable[[], object]], None]) -> None:
        local_id = f"svc-{number}-{uuid.uuid4().hex[:6]}"
        raised: list[tuple[uuid.UUID, str]] = []
        timed("raise", lambda: raised.append(raise_concern(determinations, local_id)))
        case_id, learner_id = raised[0]
        timed("evidence", lambda: record_evidence(determinations, case_id))
        has_aln = number % 2 == 0
        timed("decide", lambda: decide(determinations, case_id, has_aln))
        if has_aln:  # the consumers' part: not a command, not timed
            # The registry's facts about the learner, as its public event brings them (the
            # IDP service's access checks read them, ADR 0015).
            plans.save(*plans.adopt_learner(relations_of(learner_id)))
            plan_id, _ = plans.open_on_direction(
                Principal("bench", "la:665", frozenset()), learner_id=learner_id,
                looked_after=False, opened_on=date(2026, 3, 20),
                maintainer=Maintainer(MaintainerKind.SCHOOL, SCHOOL),
            )  # fmt: skip
            timed("amend", lambda: amend(plans, plan_id))

    return path


def run_threads(step: Step, concurrency: int, duration: float) -> list[Timing]:
    """``concurrency`` threads repeating ``step`` for ``duration`` seconds."""
    timings: list[Timing] = []
    numbers = iter(range(10**9))
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def timed(kind: str, command: Callable[[], object]) -> None:
        started = time.perf_counter()
        command()
        timings.append(Timing(kind, time.perf_counter() - started))

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                number = next(numbers)
            step(number, timed)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings
