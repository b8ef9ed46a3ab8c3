"""What the IDP API's resource modules share: their router settings (prefix, tag, problem
responses), the plan id in paths, and the service and read-model dependencies."""

from typing import Annotated
from uuid import UUID

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Request

from idp.application import IdpService
from llwybr.access import WRITE_REFUSALS
from llwybr.edge import application_of, responses

RESPONSES = responses(
    s400="A malformed header (If-Match) or body",
    s403="The caller may read the plan but not do this (the maintainer acts; a plan goes "
    "only to the learner's responsible LA, LA looking after or a setting they attend): the "
    "problem type names the reason",
    s404="No such plan, version or element, or none this organisation may see (one answer)",
    s409="The plan's state does not allow it",
    s412="If-Match names a version that is no longer current",
)

IdpId = Annotated[UUID, Path(description="The plan's id (random; one plan per learner)")]

#: The IDP service layer, as a typed dependency.
ServiceDep = Annotated[IdpService, Depends(application_of(IdpService))]


def engine_of(request: Request) -> sa.Engine:
    """The service's database (the read models)."""
    engine: sa.Engine = request.app.state.engine
    return engine


#: The read models' database, as a typed dependency.
EngineDep = Annotated[sa.Engine, Depends(engine_of)]


def resource_router() -> APIRouter:
    """A router for one resource of ``/v1/idps``."""
    return APIRouter(prefix="/v1/idps", tags=["idps"], responses=RESPONSES)


#: The refusals of a change only the plan's maintaining body makes (``access.require_maintainer``;
#: the draft also by the LA that directed it, ``require_drafter``).
MAINTAINER_REFUSALS = {
    **WRITE_REFUSALS,
    "not-maintainer": "Only the maintaining body changes the plan.",
}
#: Where a plan may go (``access.require_may_maintain``): a body the learner relates to.
MAINTAIN_REFUSALS = {
    "not-responsible": "The LA is not responsible for the learner nor looking after them.",
    "not-enrolled": "The learner is not enrolled at that setting.",
}
