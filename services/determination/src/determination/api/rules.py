"""The statutory rule table: read it, or correct it (a new version, without a release), which
recalculates the deadlines of open cases counted on the corrected rules."""

from uuid import UUID

from fastapi import APIRouter

from determination.api.dependencies import EngineDep, ServiceDep
from determination.api.errors import SCOPE_REFUSAL
from determination.api.schemas import RuleCorrectionIn, RuleTableOut
from determination.projections import open_case_ids
from llwybr.clock import InvalidRuleError, Rule
from llwybr.edge import CallerDep
from llwybr.problem_types import raises

router = APIRouter(tags=["rules"])


@router.get("/rule-table", summary="The statutory rule table in force", openapi_extra=raises())
def get_rule_table(app: ServiceDep) -> RuleTableOut:
    """The time limits of the ALN Code and the Act as this system applies them (the rules of
    docs/domain.md section 3), with the table's `version`. Any client may read it to see how a
    deadline it was shown was computed."""
    return RuleTableOut.of(app.rule_table(), [])


@router.post(
    "/rule-table/corrections",
    summary="Correct rules (a new table version); open cases' deadlines are recalculated",
    openapi_extra=raises(InvalidRuleError, refusals=SCOPE_REFUSAL),
)
def correct_rules(
    body: RuleCorrectionIn, caller: CallerDep, app: ServiceDep, engine: EngineDep
) -> RuleTableOut:
    """A new version of the rule table, with who corrected it and why; the open cases'
    deadlines under the corrected rules are recalculated, each move an explicit event. Only
    the system administrator may (`corrected_by` its own organisation), else 403."""
    rules = [Rule(**r.model_dump()) for r in body.rules]
    table = app.correct_rules(
        caller, body.version, rules, corrected_by=body.corrected_by, reason=body.reason
    )
    with engine.connect() as conn:
        candidates = [UUID(c) for c in open_case_ids(conn)]
    return RuleTableOut.of(table, app.recalculate_for_rules({r.id for r in rules}, candidates))
