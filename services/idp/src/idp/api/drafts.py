"""The draft, section by section: by the maintaining body, or by an LA whose reconsideration
directed a revision (s.27). Issued versions never change."""

from fastapi import Response

from idp.api.common import (
    MAINTAINER_REFUSALS,
    IdpId,
    ServiceDep,
    resource_router,
)
from idp.api.schemas import (
    AlnDescriptionIn,
    AlpElementIn,
    LacDetailsIn,
    LaExtrasIn,
    OnePageProfileIn,
    Section1In,
    Section3In,
    WelshDecisionIn,
)
from idp.domain import (
    AlnDescription,
    AlpElement,
    LacDetails,
    LaExtras,
    OnePageProfile,
    Section1,
    Section3,
)
from idp.domain.errors import (
    DuplicateAlpElementError,
    IdpClosedError,
    IdpVersionFrozenError,
    InvalidPlanContentError,
    LacDetailsNotAllowedError,
    LaExtrasNotAllowedError,
    UnknownAlpElementError,
)
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, expected_version
from llwybr.problem_types import raises
from llwybr.problems import ProblemError

router = resource_router()


@router.put(
    "/{idp_id}/draft/section-1",
    summary="Section 1: the learner and the plan",
    openapi_extra=raises(IdpClosedError, InvalidPlanContentError, refusals=MAINTAINER_REFUSALS),
)
def set_section_1(
    idp_id: IdpId, body: Section1In, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Sets section 1 of the draft IDP (the ALN Code's standard form): the learner's details, who
    maintains the plan and the dates that matter to it. Only the maintaining body may change
    the draft, or an LA whose reconsideration directed a revision (s.27) or a Tribunal order
    requires one; issued versions never change."""
    value = Section1.from_dict(body.model_dump())
    version = service.set_section_1(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put(
    "/{idp_id}/draft/one-page-profile",
    summary="1C: the one-page profile",
    openapi_extra=raises(IdpClosedError, InvalidPlanContentError, refusals=MAINTAINER_REFUSALS),
)
def set_profile(
    idp_id: IdpId, body: OnePageProfileIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Sets section 1C of the draft, the one-page profile: what is important to the child or young
    person and how best to support them, in their own words where they can give them. Only
    the maintaining body may change the draft, or an LA whose reconsideration directed a
    revision (s.27) or a Tribunal order requires one; issued versions never change."""
    value = OnePageProfile.from_dict(body.model_dump())
    version = service.set_one_page_profile(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put(
    "/{idp_id}/draft/aln-description",
    summary="2A: the description of ALN",
    openapi_extra=raises(IdpClosedError, InvalidPlanContentError, refusals=MAINTAINER_REFUSALS),
)
def set_aln(
    idp_id: IdpId, body: AlnDescriptionIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Sets section 2A of the draft, the description of the learner's ALN: the need, not the
    provision, in terms a family can follow. Only the maintaining body may change the draft,
    or an LA whose reconsideration directed a revision (s.27) or a Tribunal order requires
    one; issued versions never change."""
    value = AlnDescription.from_dict(body.model_dump())
    version = service.set_aln_description(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put(
    "/{idp_id}/draft/welsh-language-decision",
    summary="Whether ALP is in Welsh",
    openapi_extra=raises(IdpClosedError, refusals=MAINTAINER_REFUSALS),
)
def set_welsh(
    idp_id: IdpId, body: WelshDecisionIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records whether the ALP must be provided in Welsh, the decision the Code asks of every plan,
    with its reasons. Only the maintaining body may change the draft, or an LA whose
    reconsideration directed a revision (s.27) or a Tribunal order requires one; issued
    versions never change. The Welsh-medium report (`GET
    /v1/idps-welsh-medium/{local_authority}`) reads this decision."""
    version = service.set_welsh_language_decision(
        caller,
        idp_id,
        body.decision,
        alp_in_welsh=body.alp_in_welsh,
        expected_version=expected_version(if_match),
    )
    return accepted(response, idp_id, version)


@router.put(
    "/{idp_id}/draft/la-extras",
    summary="LA plans: named place, lodging, transport",
    openapi_extra=raises(
        IdpClosedError,
        InvalidPlanContentError,
        LaExtrasNotAllowedError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def set_la_extras(
    idp_id: IdpId, body: LaExtrasIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Sets the parts only an LA's plan has: a named school or other place, board and lodging, and
    transport the LA arranges. Only the maintaining body may change the draft, or an LA
    whose reconsideration directed a revision (s.27) or a Tribunal order requires one;
    issued versions never change. A plan maintained by a school or an FEI refuses it."""
    value = LaExtras.from_dict(body.model_dump())
    version = service.set_la_extras(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put(
    "/{idp_id}/draft/section-3",
    summary="Section 3: information used, transition",
    openapi_extra=raises(IdpClosedError, InvalidPlanContentError, refusals=MAINTAINER_REFUSALS),
)
def set_section_3(
    idp_id: IdpId, body: Section3In, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Sets section 3 of the draft: the information used to prepare the plan and, where the learner
    moves on, the transition arrangements. Only the maintaining body may change the draft,
    or an LA whose reconsideration directed a revision (s.27) or a Tribunal order requires
    one; issued versions never change."""
    value = Section3.from_dict(body.model_dump())
    version = service.set_section_3(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put(
    "/{idp_id}/draft/lac-details",
    summary="Looked-after child: IRO, LA, PEP",
    openapi_extra=raises(
        IdpClosedError,
        InvalidPlanContentError,
        LacDetailsNotAllowedError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def set_lac(
    idp_id: IdpId, body: LacDetailsIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Sets the looked-after child's details on the draft: the independent reviewing officer, the
    LA looking after the child and the personal education plan (PEP) the IDP forms part of.
    Only the maintaining body may change the draft, or an LA whose reconsideration directed
    a revision (s.27) or a Tribunal order requires one; issued versions never change."""
    body.deprecate_if_bare(response)
    value = LacDetails.from_dict(body.model_dump())
    version = service.set_lac_details(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/draft/alp-elements",
    summary="2B: add an element of ALP",
    openapi_extra=raises(
        DuplicateAlpElementError,
        IdpClosedError,
        InvalidPlanContentError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def add_element(
    idp_id: IdpId, body: AlpElementIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Adds an element of ALP to section 2B of the draft: what is provided, by whom, in which
    language, and its schedule (sessions, minutes, how often), which is what delivery is
    later measured against. Only the maintaining body may change the draft, or an LA whose
    reconsideration directed a revision (s.27) or a Tribunal order requires one; issued
    versions never change. An element with no schedule is accepted, and issuing the plan
    then warns that its delivery cannot be measured."""
    value = AlpElement.from_dict(body.model_dump())
    version = service.add_alp_element(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put(
    "/{idp_id}/draft/alp-elements/{element_id}",
    summary="2B: amend an element",
    openapi_extra=raises(
        IdpClosedError,
        IdpVersionFrozenError,
        InvalidPlanContentError,
        UnknownAlpElementError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def amend_element(
    idp_id: IdpId, element_id: str, body: AlpElementIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Amends an element of ALP in section 2B of the draft, replacing it whole. Only the
    maintaining body may change the draft, or an LA whose reconsideration directed a
    revision (s.27) or a Tribunal order requires one; issued versions never change. An
    element the draft does not have is a 404."""
    if body.element_id != element_id:
        raise ProblemError(422, "Unprocessable Entity", "the body names another element")
    value = AlpElement.from_dict(body.model_dump())
    version = service.amend_alp_element(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.delete(
    "/{idp_id}/draft/alp-elements/{element_id}",
    summary="2B: remove an element",
    openapi_extra=raises(
        IdpClosedError, IdpVersionFrozenError, UnknownAlpElementError, refusals=MAINTAINER_REFUSALS
    ),
)
def remove_element(
    idp_id: IdpId, element_id: str, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Removes an element of ALP from section 2B of the draft; the issued versions that had it keep
    it. Only the maintaining body may change the draft, or an LA whose reconsideration
    directed a revision (s.27) or a Tribunal order requires one; issued versions never
    change. An element the draft does not have is a 404."""
    version = service.remove_alp_element(
        caller, idp_id, element_id, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)
