"""The learner timeline's drawing: one lane per service, one mark per recorded event.

Pure layout (no I/O): the page passes the timeline the audit API returned and the day chosen
on the slider; the template draws the marks. Events recorded after that day are drawn faded
and left out of the list, so the page shows the case as it was recorded on that day.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

LANES = ("determination", "idp", "disputes", "notifications")
WIDTH, LANE_HEIGHT, LEFT, RIGHT, TOP = 760, 48, 130, 20, 24


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    service: str
    event: str
    recorded_on: date
    in_force_on: str | None
    future: bool  # recorded after the day chosen


@dataclass(frozen=True)
class Lane:
    service: str
    y: float


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    lanes: list[Lane]
    marks: list[Mark]
    first: date
    last: date
    as_of: date
    as_of_x: float

    @property
    def days(self) -> int:
        return (self.last - self.first).days

    def day_of(self, offset: int) -> date:
        return date.fromordinal(self.first.toordinal() + offset)

    @property
    def as_of_offset(self) -> int:
        return (self.as_of - self.first).days

    @property
    def shown(self) -> list[Mark]:
        return [m for m in self.marks if not m.future]


def recorded_on(item: dict[str, Any]) -> date:
    return datetime.fromisoformat(str(item["recorded_at"]).replace("Z", "+00:00")).date()


def draw(items: list[dict[str, Any]], as_of: date | None, today: date) -> Drawing:
    """Lay the events out on a day axis from the first recorded to today (at least a day)."""
    days = [recorded_on(i) for i in items]
    # The axis runs from the day before the first event (the case before it began; or an
    # earlier day asked for) to today.
    before = date.fromordinal(min(days, default=today).toordinal() - 1)
    first = min(before, as_of) if as_of else before
    last = max([*days, today])
    chosen = min(as_of or last, last)
    span = (last - first).days
    lanes = [Lane(s, TOP + i * LANE_HEIGHT + LANE_HEIGHT / 2) for i, s in enumerate(LANES)]
    lane_y = {lane.service: lane.y for lane in lanes}

    def x_of(day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    marks = [
        Mark(
            x=x_of(day),
            y=lane_y.get(str(item["service"]), lane_y[LANES[0]]),
            service=str(item["service"]),
            event=str(item["event"]),
            recorded_on=day,
            in_force_on=item.get("in_force_on"),
            future=day > chosen,
        )
        for item, day in zip(items, days, strict=True)
    ]
    height = TOP * 2 + LANE_HEIGHT * len(LANES)
    return Drawing(WIDTH, height, lanes, marks, first, last, chosen, x_of(chosen))
