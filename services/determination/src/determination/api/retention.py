"""An LA's retention report (issue 23): what falls due for erasure in a month."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from determination import access, retention
from determination.api.dependencies import EngineDep, ServiceDep
from determination.api.errors import SCOPE_REFUSAL
from llwybr.edge import CallerDep
from llwybr.organisation_ids import LocalAuthorityPath, answer_la, la_number
from llwybr.problem_types import raises


class RetentionLine(BaseModel):
    learner_id: str
    record_kind: str = Field(
        description="What is held: `aln_file` (a learner found to have ALN) or `no_aln` (a "
        "determination that ended without ALN)",
        examples=["no_aln"],
    )
    schedule: str = Field(description="The retention schedule", examples=["no-aln-6"])
    basis: str = Field(description="What the schedule counts from: `birth` or `closure`")
    basis_date: date | None = Field(description="The date it counts from")
    due_on: date | None = Field(description="The day the data falls due for erasure")
    status: str = Field(description="`due`, or `held` (a legal hold stops the erasure)")
    legal_holds: list[str] = Field(
        description="The open cases holding the data, as the disputes service published them",
        examples=[["appeal:0b683c18-a53f-4c78-b29d-c2fb7d8a9f58"]],
    )


class RetentionReport(BaseModel):
    local_authority: str
    month: str = Field(examples=["2032-05"])
    due: list[RetentionLine] = Field(description="Due by the month's end and not held")
    held: list[RetentionLine] = Field(description="Due by the month's end but on legal hold")


router = APIRouter()

Month = Annotated[
    str,
    Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="The month, YYYY-MM",
          examples=["2032-05"]),
]  # fmt: skip


@router.get(
    "/local-authorities/{local_authority}/retention",
    summary="What falls due for erasure in a month among the LA's learners",
    openapi_extra=raises(refusals=SCOPE_REFUSAL),
)
def retention_report(
    local_authority: LocalAuthorityPath, month: Month, caller: CallerDep, engine: EngineDep,
    app: ServiceDep, response: Response,
) -> RetentionReport:  # fmt: skip
    """Of the learners the LA is responsible for: each whose personal data falls due for
    erasure by the end of `month` under its retention schedule (docs/data-protection.md),
    with the schedule, what it counts from (the date of birth or the case's closure) and the
    day it falls due. Those due but held by an open Tribunal appeal (as the disputes service
    published it) are listed apart under `held`. Only the LA itself and the auditors of its
    jurisdiction may read it; another body is refused (403)."""
    number = la_number(answer_la(local_authority, response))
    access.require_may_see_statistics(caller, number)
    year, month_number = (int(part) for part in month.split("-"))
    with engine.connect() as conn:
        holdings = retention.gather(conn, number, app.learner_record)
    due, held = retention.report(holdings, year, month_number)
    return RetentionReport(
        local_authority=local_authority, month=month,
        due=[RetentionLine.model_validate(vars(line)) for line in due],
        held=[RetentionLine.model_validate(vars(line)) for line in held],
    )  # fmt: skip
