"""A notice the issuing body gave itself, by hand or by post, counts as given on the day the
rules say (docs/domain.md section 11, ADR 0017), and is published like any other."""

from datetime import date

import pytest

from llwybr_testkit import ActingAs
from notifications.notices.windows import OutsideChannel, given_outside_on

from .test_notices_flow import (  # noqa: F401 (the fixtures are used by name)
    LA,
    SCHOOL,
    TODAY,
    Service,
    rejected,
    service,
    smtp_server,
)


@pytest.mark.parametrize(
    ("channel", "on", "given_on"),
    [
        (OutsideChannel.HAND, date(2026, 12, 24), date(2026, 12, 24)),
        (OutsideChannel.POST, date(2026, 3, 2), date(2026, 3, 4)),  # Monday: Wednesday
        (OutsideChannel.POST, date(2026, 3, 6), date(2026, 3, 10)),  # Friday: Tuesday
        # Christmas Eve: Christmas, the weekend and the Boxing Day holiday (28th) do not count
        (OutsideChannel.POST, date(2026, 12, 24), date(2026, 12, 30)),
    ],
)
def test_a_notice_given_outside_counts_as_given_on_the_day_the_rules_say(
    channel: OutsideChannel, on: date, given_on: date
) -> None:
    assert given_outside_on(channel, on) == given_on


async def test_an_escalated_notice_the_school_posted_itself_is_given_two_working_days_later(
    service: Service,  # noqa: F811 (the fixture imported above)
) -> None:
    _, failed = await rejected(service)
    url = f"/v1/notices/{failed['notice_id']}/given-outside"
    posted = {"channel": "post", "on": TODAY.isoformat()}  # Tuesday 3 March 2026

    by_la = await service.client.post(url, json=posted, auth=ActingAs(LA))
    assert by_la.status_code == 403, by_la.text
    assert by_la.json()["type"].endswith("not-the-issuer")
    response = await service.client.post(url, json=posted)
    assert response.status_code == 200, response.text
    given = response.json()
    assert (given["status"], given["channel"], given["given_on"]) == ("given", "post", "2026-03-05")
    assert given["counts_as_given"] is True
    assert given["content_sha256"]  # rendered as given that day: the proof of what was sent
    again = await service.client.post(url, json=posted)
    assert again.status_code == 409, again.text
