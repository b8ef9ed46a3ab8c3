"""The IDP service as the platform knows it (``llwybr.registry``): its public routes, the
scope each needs, the scopes it defines. A new public route needs its line here."""

from idp.settings import Settings
from llwybr.registry import Scope, ServiceDescriptor

DESCRIPTOR = ServiceDescriptor(
    name="idp",
    settings=Settings,
    scopes={
        "idps:read": Scope(
            "Read IDPs (organisation-scoped)",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor"}),
        ),
        "idps:write": Scope(
            "Prepare, issue, review, transfer and cease IDPs",
            frozenset({"school", "fei", "la"}),
        ),
        "idps:review": Scope(
            "Ask for an IDP review (families through their school or LA, NHS bodies)",
            frozenset({"school", "fei", "la", "lhb", "nhs"}),
        ),
        "provision:record": Scope(
            "Record ALP delivered or missed",
            frozenset({"school", "fei", "la", "lhb", "nhs"}),
        ),
    },
    routes={
        ("GET", "/v1/idps"): "idps:read",
        ("GET", "/v1/idps-alp"): "idps:read",
        ("GET", "/v1/idps-changes"): "idps:read",
        ("GET", "/v1/idps-welsh-medium/{local_authority}"): "idps:read",
        ("GET", "/v1/idps-shortfalls"): "idps:read",
        ("POST", "/v1/idps"): "idps:write",
        ("GET", "/v1/idps/{idp_id}"): "idps:read",
        ("GET", "/v1/idps/{idp_id}/versions/{number}"): "idps:read",
        ("GET", "/v1/idps/{idp_id}/versions/{number}/pdf"): "idps:read",
        ("PUT", "/v1/idps/{idp_id}/draft/section-1"): "idps:write",
        ("PUT", "/v1/idps/{idp_id}/draft/one-page-profile"): "idps:write",
        ("PUT", "/v1/idps/{idp_id}/draft/aln-description"): "idps:write",
        ("PUT", "/v1/idps/{idp_id}/draft/welsh-language-decision"): "idps:write",
        ("PUT", "/v1/idps/{idp_id}/draft/la-extras"): "idps:write",
        ("PUT", "/v1/idps/{idp_id}/draft/section-3"): "idps:write",
        ("PUT", "/v1/idps/{idp_id}/draft/lac-details"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/draft/alp-elements"): "idps:write",
        ("PUT", "/v1/idps/{idp_id}/draft/alp-elements/{element_id}"): "idps:write",
        ("DELETE", "/v1/idps/{idp_id}/draft/alp-elements/{element_id}"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/issue"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/revisions"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/review-requests"): "idps:review",
        ("POST", "/v1/idps/{idp_id}/review-requests/decline"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/reviews"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/nhs-alp"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/transfers"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/fei-requests"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/fei-requests/answer"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/fei-requests/ministers-determination"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/cease-proposals"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/cessation"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/closure"): "idps:write",
        ("POST", "/v1/idps/{idp_id}/deliveries"): "provision:record",
        ("GET", "/v1/idps/{idp_id}/provision"): "idps:read",
    },
)
