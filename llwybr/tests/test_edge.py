"""The edge kit's act date: never after today in Wales, and no mark on the JSON schema."""

from datetime import date, timedelta

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from llwybr.edge import ActDate, Model, today_in_wales


class Done(Model):
    issued_on: ActDate
    given_on: ActDate | None = None
    hearing_on: date | None = None  # planned: may be after today


def test_today_and_earlier_are_accepted() -> None:
    today = today_in_wales()
    assert Done(issued_on=today).issued_on == today
    assert Done(issued_on=date(2026, 3, 2), given_on=date(2026, 3, 3)).given_on == date(2026, 3, 3)


def test_a_date_after_today_is_refused_and_the_error_names_the_field() -> None:
    tomorrow = today_in_wales() + timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        Done(issued_on=date(2026, 3, 2), given_on=tomorrow)
    [error] = raised.value.errors()
    assert (error["loc"], error["type"]) == (("given_on",), "date_after_today")
    assert error["msg"].startswith("given_on records something done, so it cannot be after today")


def test_a_planned_date_may_be_after_today() -> None:
    next_year = today_in_wales() + timedelta(days=365)
    assert Done(issued_on=date(2026, 3, 2), hearing_on=next_year).hearing_on == next_year


def test_a_bare_act_date_is_refused_as_this_date() -> None:
    with pytest.raises(ValidationError, match="this date records something done"):
        TypeAdapter(ActDate).validate_python(today_in_wales() + timedelta(days=1))


def test_the_json_schema_is_a_plain_dates() -> None:
    class Plain(BaseModel):
        issued_on: date

    class Act(BaseModel):
        issued_on: ActDate

    assert Act.model_json_schema()["properties"] == Plain.model_json_schema()["properties"]
