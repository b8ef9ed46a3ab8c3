"""The disputes service as the platform knows it (``llwybr.registry``): its public routes, the
scope each needs, the scopes it defines. A new public route needs its line here."""

from disputes.settings import Settings
from llwybr.registry import Scope, ServiceDescriptor

DESCRIPTOR = ServiceDescriptor(
    name="disputes",
    settings=Settings,
    scopes={
        "disputes:read": Scope(
            "Read reconsiderations and appeals (organisation-scoped)",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor"}),
        ),
        "disputes:write": Scope(
            "Record and decide reconsiderations (the LA; a governing body asks R3)",
            frozenset({"school", "la"}),
        ),
        "appeals:write": Scope(
            "Record appeals and Tribunal decisions (the Tribunal)",
            frozenset({"tribunal"}),
        ),
        "orders:comply": Scope(
            "Report compliance with a Tribunal order (the LA or FEI ordered)",
            frozenset({"fei", "la"}),
        ),
        "recommendations:report": Scope(
            "Report on a Tribunal recommendation (the NHS body: a health board or trust)",
            frozenset({"lhb", "nhs"}),
        ),
    },
    routes={
        ("POST", "/v1/reconsiderations"): "disputes:write",
        ("GET", "/v1/reconsiderations/{case_id}"): "disputes:read",
        ("POST", "/v1/reconsiderations/{case_id}/invitation"): "disputes:write",
        ("POST", "/v1/reconsiderations/{case_id}/representations"): "disputes:write",
        ("POST", "/v1/reconsiderations/{case_id}/decision"): "disputes:write",
        ("POST", "/v1/reconsiderations/{case_id}/notice"): "disputes:write",
        ("POST", "/v1/reconsiderations/{case_id}/disagreement-resolution"): "disputes:write",
        ("POST", "/v1/appeals"): "appeals:write",
        ("GET", "/v1/appeals/{appeal_id}"): "disputes:read",
        ("POST", "/v1/appeals/{appeal_id}/acknowledgement"): "appeals:write",
        ("POST", "/v1/appeals/{appeal_id}/case-statements"): "appeals:write",
        ("POST", "/v1/appeals/{appeal_id}/hearing"): "appeals:write",
        ("POST", "/v1/appeals/{appeal_id}/decision"): "appeals:write",
        ("POST", "/v1/appeals/{appeal_id}/orders/{order_id}/compliance"): "orders:comply",
        ("POST", "/v1/appeals/{appeal_id}/review-applications"): "appeals:write",
        ("POST", "/v1/appeals/{appeal_id}/capacity-declarations"): "appeals:write",
        ("POST", "/v1/appeals/{appeal_id}/case-friend"): "appeals:write",
        ("POST", "/v1/appeals/{appeal_id}/case-friend/removal"): "appeals:write",
        (
            "POST",
            "/v1/appeals/{appeal_id}/recommendations/{recommendation_id}/report",
        ): "recommendations:report",
        ("POST", "/v1/disagreement-resolutions"): "disputes:write",
        ("GET", "/v1/disagreement-resolutions/{case_id}"): "disputes:read",
        ("POST", "/v1/disagreement-resolutions/{case_id}/conclusion"): "disputes:write",
        ("POST", "/v1/advocacy"): "disputes:write",
        ("GET", "/v1/advocacy/{advocacy_id}"): "disputes:read",
        ("POST", "/v1/advocacy/{advocacy_id}/provision"): "disputes:write",
        ("POST", "/v1/advocacy/{advocacy_id}/end"): "disputes:write",
        ("POST", "/v1/complaints"): "disputes:write",
        ("GET", "/v1/complaints/{complaint_id}"): "disputes:read",
        ("POST", "/v1/complaints/{complaint_id}/closure"): "disputes:write",
        ("GET", "/v1/disputes"): "disputes:read",
        ("GET", "/v1/disputes/local-authorities/{local_authority}/open"): "disputes:read",
        ("GET", "/v1/disputes/local-authorities/{local_authority}/outcomes"): "disputes:read",
        ("GET", "/v1/disputes/recommendations-awaiting-report"): "disputes:read",
    },
)
