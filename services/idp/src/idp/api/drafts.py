"""The draft, section by section: by the maintaining body, or by an LA whose reconsideration
directed a revision (s.27). Issued versions never change."""

from fastapi import Response

from idp.api.common import IdpId, ServiceDep, resource_router
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
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, expected_version
from llwybr.problems import ProblemError

router = resource_router()


@router.put("/{idp_id}/draft/section-1", summary="Section 1: the learner and the plan")
def set_section_1(
    idp_id: IdpId, body: Section1In, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = Section1.from_dict(body.model_dump())
    version = service.set_section_1(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put("/{idp_id}/draft/one-page-profile", summary="1C: the one-page profile")
def set_profile(
    idp_id: IdpId, body: OnePageProfileIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = OnePageProfile.from_dict(body.model_dump())
    version = service.set_one_page_profile(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put("/{idp_id}/draft/aln-description", summary="2A: the description of ALN")
def set_aln(
    idp_id: IdpId, body: AlnDescriptionIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = AlnDescription.from_dict(body.model_dump())
    version = service.set_aln_description(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put("/{idp_id}/draft/welsh-language-decision", summary="Whether ALP is in Welsh")
def set_welsh(
    idp_id: IdpId, body: WelshDecisionIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    version = service.set_welsh_language_decision(
        caller,
        idp_id,
        body.decision,
        alp_in_welsh=body.alp_in_welsh,
        expected_version=expected_version(if_match),
    )
    return accepted(response, idp_id, version)


@router.put("/{idp_id}/draft/la-extras", summary="LA plans: named place, lodging, transport")
def set_la_extras(
    idp_id: IdpId, body: LaExtrasIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = LaExtras.from_dict(body.model_dump())
    version = service.set_la_extras(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put("/{idp_id}/draft/section-3", summary="Section 3: information used, transition")
def set_section_3(
    idp_id: IdpId, body: Section3In, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = Section3.from_dict(body.model_dump())
    version = service.set_section_3(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put("/{idp_id}/draft/lac-details", summary="Looked-after child: IRO, LA, PEP")
def set_lac(
    idp_id: IdpId, body: LacDetailsIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    body.deprecate_if_bare(response)
    value = LacDetails.from_dict(body.model_dump())
    version = service.set_lac_details(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post("/{idp_id}/draft/alp-elements", summary="2B: add an element of ALP")
def add_element(
    idp_id: IdpId, body: AlpElementIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    value = AlpElement.from_dict(body.model_dump())
    version = service.add_alp_element(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.put("/{idp_id}/draft/alp-elements/{element_id}", summary="2B: amend an element")
def amend_element(
    idp_id: IdpId, element_id: str, body: AlpElementIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    if body.element_id != element_id:
        raise ProblemError(422, "Unprocessable Entity", "the body names another element")
    value = AlpElement.from_dict(body.model_dump())
    version = service.amend_alp_element(
        caller, idp_id, value, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.delete("/{idp_id}/draft/alp-elements/{element_id}", summary="2B: remove an element")
def remove_element(
    idp_id: IdpId, element_id: str, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    version = service.remove_alp_element(
        caller, idp_id, element_id, expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)
