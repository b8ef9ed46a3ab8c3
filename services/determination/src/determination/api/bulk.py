"""Many concerns in one request: a school's nightly MIS sync, with a result per item."""

from uuid import UUID

from fastapi import APIRouter

from determination.api.dependencies import ServiceDep
from determination.api.determinations import concern_of
from determination.api.errors import ERROR_STATUSES
from determination.api.schemas import BulkConcernsIn, BulkItemResult, BulkResult
from determination.application import Concern
from determination.domain.errors import DeterminationError, OpenDeterminationError
from llwybr.edge import CallerDep
from llwybr.problem_types import raises
from llwybr.problems import ProblemError

router = APIRouter()


@router.post(
    "/determinations/bulk",
    summary="Raise many concerns in one request (a school's nightly MIS sync), result per item",
    description="Idempotent by learner: an item whose learner has an open case creates "
    'nothing and reports `status: "existing"` with that case\'s id. Each item is checked and '
    "answered on its own (`201`, `existing`, or the refusal's status with its problem), so "
    "one bad row does not refuse the batch; the valid ones are saved in one transaction.",
    openapi_extra=raises(),
)
def raise_concerns(body: BulkConcernsIn, caller: CallerDep, app: ServiceDep) -> BulkResult:
    # The valid concerns are saved in one transaction: a thousand learners in one commit,
    # and a request that fails (the database away) leaves none of them half-stored.
    results: list[BulkItemResult | None] = []
    concerns: list[tuple[int, Concern]] = []
    for index, item in enumerate(body.items):
        try:
            concerns.append((index, concern_of(item)))
            results.append(None)
        except DeterminationError as error:
            results.append(_refused(index, error))
    raised = app.raise_concerns(caller, [c for _, c in concerns])
    for (index, _), outcome in zip(concerns, raised, strict=True):
        if isinstance(outcome, OpenDeterminationError):
            open_case = UUID(outcome.determination_id)
            results[index] = BulkItemResult(index=index, status="existing", id=open_case)
        elif isinstance(outcome, Exception):
            results[index] = _refused(index, outcome)
        else:
            results[index] = BulkItemResult(
                index=index, status=201, id=outcome.determination_id, version=outcome.version,
                learner_id=outcome.learner_id,
            )  # fmt: skip
    done = [r for r in results if r is not None]
    created = sum(1 for r in done if r.status == 201)
    existing = sum(1 for r in done if r.status == "existing")
    return BulkResult(
        created=created, existing=existing, failed=len(done) - created - existing, results=done
    )


def _refused(index: int, error: Exception) -> BulkItemResult:
    if isinstance(error, ProblemError):
        problem = {"title": error.title, "detail": error.detail, "type": error.kind}
        return BulkItemResult(index=index, status=error.status, problem=problem)
    status, kind = next(
        (ERROR_STATUSES[c] for c in type(error).__mro__ if c in ERROR_STATUSES),
        (422, "statutory-clock"),
    )
    problem = {"title": type(error).__name__, "detail": str(error), "type": kind}
    return BulkItemResult(index=index, status=status, problem=problem)
