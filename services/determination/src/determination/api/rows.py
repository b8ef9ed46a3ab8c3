"""The shape of a case as a worklist answers it (issue 20): the read model's row with its
decision clock. The stable fields are named, the rest allowed (``extra="allow"``) so
describing the answer never drops a field; the route answers with
``response_model_exclude_unset`` so no absent field is added as null."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class CaseRow(BaseModel):
    """A determination case as the read model holds it, with its decision clock today."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "determination_id": "3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f",
                    "learner_id": "7d1e4b2a-5c3f-4e8d-9a6b-0f1e2d3c4b5a",
                    "local_authority": "la:665",
                    "organisation": "school:6652001",
                    "body_kind": "school",
                    "status": "gathering_information",
                    "came_to_attention_on": "2026-09-14",
                    "decision_due_on": "2026-11-09",
                    "decision_rule": "D1",
                    "provisional": False,
                    "version": 3,
                    "decision_clock": {
                        "state": "open",
                        "overdue": False,
                        "days_left": 6,
                    },
                }
            ]
        },
    )

    determination_id: str
    learner_id: str
    local_authority: str = Field(description="The learner's LA, e.g. `la:665`")
    organisation: str = Field(description="The deciding body, e.g. `school:6652001`")
    body_kind: str
    status: str
    came_to_attention_on: date
    decision_due_on: date | None = Field(default=None, description="None: awaiting consent")
    decision_rule: str | None = None
    provisional: bool = Field(description="Computed without the setting's term calendar")
    decided_on: date | None = None
    version: int
    decision_clock: dict[str, Any] | None = Field(
        default=None,
        description="`state` (open, met, missed, cancelled), `overdue`, `days_left`, `met_on`",
    )
