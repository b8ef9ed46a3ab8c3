"""Who sees which watched deadlines (``/v1/reminders``): the one access policy (ADR 0015) on the
learner's relations, as the notices list; never an LA by its schools' establishment numbers."""

import uuid
from datetime import date

from contracts import determination as det
from llwybr.clock import RuleId
from llwybr_testkit import ActingAs

from .learners import new_learner, registered
from .test_access_api import Service, concern_raised
from .test_access_api import service as service  # the fixture
from .test_access_api import wait_seconds as wait_seconds  # the fixture it uses

SCHOOL = "school:6652001"  # its number begins with 665's
DEADLINE = det.DeadlineFacts(
    rule_id=RuleId.D1, rule_table_version="2026.1", unit="school_days", length=35,
    trigger_date=date(2026, 2, 27), due_on=date(2026, 4, 24), calendar_id=SCHOOL,
    provisional=False,
)  # fmt: skip


async def reminders(service: Service, learner_id: str, as_: str) -> list[str]:
    response = await service.client.get(
        "/v1/reminders", params={"learner_id": learner_id}, auth=ActingAs(as_)
    )
    assert response.status_code == 200, response.text
    return [item["learner_id"] for item in response.json()["items"]]


async def test_an_la_sees_the_deadlines_of_its_learners_not_of_its_number_range(
    service: Service,
) -> None:
    learner_id = new_learner()
    await service.publish(registered(learner_id, "la:667", looking_after="la:666"))
    concern = concern_raised(learner_id, SCHOOL).model_copy(
        update={"decision_deadline": DEADLINE, "determination_id": uuid.uuid4()}
    )
    await service.publish(concern)
    for organisation in (SCHOOL, "la:667", "la:666", "auditor:666"):
        assert await reminders(service, learner_id, organisation) == [learner_id], organisation
    for organisation in ("la:665", "school:6652002", "auditor:665"):
        assert await reminders(service, learner_id, organisation) == [], organisation
