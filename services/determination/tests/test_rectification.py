"""Rectification of a learner's names and date of birth by a corrective event (issue 23): the
responsible LA records the corrected values as a new event, the values replaced stay in the
history, both sealed with the learner's key (ADR 0023); never an edit. The service layer on
SQLite and PostgreSQL, then the API."""

from datetime import date
from typing import Any
from uuid import UUID

import httpx
import pytest

from determination.application import DeterminationService
from determination.domain.ages import compulsory_school_age_on, young_person_on
from determination.domain.errors import InvalidLearnerError, PersonalDataErasedError
from determination.domain.registry import LearnerRecord
from llwybr.principal import Principal
from llwybr.problems import ProblemError
from llwybr_testkit import ActingAs

from .test_api import SCHOOL as SCHOOL_ID
from .test_api import assert_problem, concern, stored_events
from .test_application import LA, SCHOOL, at, pupil
from .test_personal_data import raw_rows

OTHER_LA = Principal("officer", "la:666", frozenset())


def rectify(service: DeterminationService, learner_id: str, **corrected: Any) -> Any:
    return service.rectify(
        LA, learner_id, corrected=corrected, reason="Birth certificate shown: misspelt",
        rectified_on=date(2026, 4, 1), recorded_by="la:665",
    )  # fmt: skip


def test_a_rectification_is_a_new_sealed_event_keeping_the_old_value(
    service: DeterminationService,
) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    learner_id = raised.learner_id
    view = rectify(service, learner_id, family_name="Jonesy", date_of_birth=date(2017, 9, 2))
    assert (view.given_name, view.family_name) == ("Cerys", "Jonesy")
    assert view.date_of_birth == date(2017, 9, 2)
    assert view.compulsory_school_age_on == compulsory_school_age_on(date(2017, 9, 2))
    stored = raw_rows(service, UUID(learner_id))
    assert [t for t in ("Jones", "Jonesy", "2017-09-02", "misspelt") if t in stored] == []
    recorded = [
        service.chained_mapper.to_recorded_event(s)
        for s in service.recorder.select_events(UUID(learner_id))
    ]
    assert [type(r.event).__name__ for r in recorded] == ["Registered", "Rectified"]
    rectified = recorded[-1].event
    assert isinstance(rectified, LearnerRecord.Rectified)
    assert rectified.previous == {"family_name": "Jones", "date_of_birth": date(2017, 5, 2)}
    assert rectified.given_name is None  # unchanged
    assert service.verify(UUID(learner_id)).ok


def test_a_rectification_moves_the_ages_the_access_policy_reads(
    service: DeterminationService,
) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    before = service.learner(LA, raised.learner_id)
    after = rectify(service, raised.learner_id, date_of_birth=date(2016, 5, 2))
    assert after.young_person_on == young_person_on(date(2016, 5, 2)) < before.young_person_on
    assert after.compulsory_school_age_on == compulsory_school_age_on(date(2016, 5, 2))
    assert service.learner(LA, raised.learner_id) == after  # as replayed


def test_only_the_responsible_la_rectifies_and_only_a_change(
    service: DeterminationService,
) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    with pytest.raises(ProblemError):
        service.rectify(
            SCHOOL, raised.learner_id, corrected={"family_name": "X"}, reason="r",
            rectified_on=date(2026, 4, 1), recorded_by="school:6652001",
        )  # fmt: skip
    with pytest.raises(ProblemError):
        service.rectify(
            OTHER_LA, raised.learner_id, corrected={"family_name": "X"}, reason="r",
            rectified_on=date(2026, 4, 1), recorded_by="la:666",
        )  # fmt: skip
    with pytest.raises(InvalidLearnerError):
        rectify(service, raised.learner_id, family_name="Jones", given_name=None)
    assert service.learner(LA, raised.learner_id).version == 1  # nothing recorded


def test_an_erased_learner_cannot_be_rectified_and_the_history_reads_as_erased(
    service: DeterminationService,
) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    rectify(service, raised.learner_id, given_name="Ceris")
    service.erase_personal_data(
        LA, raised.learner_id, erased_on=date(2051, 5, 2), schedule="S1", recorded_by="la:665"
    )
    with pytest.raises(PersonalDataErasedError):
        rectify(service, raised.learner_id, given_name="Cerys")
    view = service.learner(LA, raised.learner_id)
    assert (view.given_name, view.family_name) == (None, None)
    recorded = [
        service.chained_mapper.to_recorded_event(s)
        for s in service.recorder.select_events(UUID(raised.learner_id))
    ]
    rectified = recorded[1]
    assert rectified.erasure is not None
    assert rectified.event.previous is None  # type: ignore[attr-defined]
    assert service.verify(UUID(raised.learner_id)).ok


BODY = {"family_name": "Jonesy", "reason": "misspelt", "rectified_on": "2026-04-01"}


async def test_the_responsible_la_rectifies_through_the_api_and_the_history_shows_both(
    client: httpx.AsyncClient,
) -> None:
    raised = (await client.post("/v1/determinations", json=concern())).json()
    learner = raised["learner_id"]
    la = ActingAs("la:665")
    refused = await client.post(
        f"/v1/learners/{learner}/rectification", json={**BODY, "recorded_by": SCHOOL_ID}
    )
    assert refused.status_code in (403, 404), refused.text
    before = stored_events(client)
    bad = await client.post(
        f"/v1/learners/{learner}/rectification",
        json={**BODY, "recorded_by": "la:665", "family_name": ""},
        auth=la,
    )
    assert_problem(bad, 422, "validation")
    assert stored_events(client) == before
    response = await client.post(
        f"/v1/learners/{learner}/rectification", json={**BODY, "recorded_by": "la:665"}, auth=la
    )
    assert response.status_code == 200, response.text
    assert response.json()["family_name"] == "Jonesy"
    history = await client.get(
        f"/internal/history/aggregates/{learner}", auth=ActingAs("auditor:665")
    )
    assert history.status_code == 200, history.text
    events = history.json()["events"]
    assert [e["event"] for e in events] == ["Registered", "Rectified"]
    assert events[1]["data"]["previous"] == {"family_name": "Jones"}
    assert events[1]["data"]["family_name"] == "Jonesy"
    erasure = {"erased_on": "2026-04-02", "schedule": "S1", "recorded_by": "la:665"}
    assert (await client.post(f"/v1/learners/{learner}/erasure", json=erasure, auth=la)).is_success
    again = await client.post(
        f"/v1/learners/{learner}/rectification", json={**BODY, "recorded_by": "la:665"}, auth=la
    )
    assert_problem(again, 422, "personal-data-erased")
