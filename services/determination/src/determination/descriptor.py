"""The determination service as the platform knows it (``llwybr.registry``): its public routes, the
scope each needs, the scopes it defines. A new public route needs its line here."""

from determination.settings import Settings
from llwybr.registry import Scope, ServiceDescriptor

DESCRIPTOR = ServiceDescriptor(
    name="determination",
    settings=Settings,
    scopes={
        "determinations:read": Scope(
            "Read determinations (organisation-scoped)",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor"}),
        ),
        "determinations:write": Scope(
            "Raise and act on determinations",
            frozenset({"school", "fei", "la"}),
        ),
        "evidence:submit": Scope(
            "Submit evidence and answer NHS referrals",
            frozenset({"school", "fei", "la", "lhb", "nhs"}),
        ),
        "calendars:read": Scope(
            "Read term calendars",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor", "system"}),
        ),
        "calendars:write": Scope(
            "Set term calendars",
            frozenset({"school", "fei", "la"}),
        ),
        "rules:read": Scope(
            "Read the statutory rule table",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor", "system"}),
        ),
        "rules:write": Scope(
            "Correct the statutory rule table",
            frozenset({"system"}),
        ),
    },
    routes={
        ("GET", "/v1/determinations"): "determinations:read",
        ("POST", "/v1/determinations"): "determinations:write",
        ("GET", "/v1/determinations/{determination_id}"): "determinations:read",
        ("GET", "/v1/determinations-due-soon"): "determinations:read",
        ("GET", "/v1/determinations-changes"): "determinations:read",
        ("POST", "/v1/determinations/bulk"): "determinations:write",
        ("GET", "/v1/statistics/local-authorities/{local_authority}"): "determinations:read",
        ("GET", "/v1/local-authorities/{local_authority}/retention"): "determinations:read",
        ("POST", "/v1/determinations/{determination_id}/consent"): "determinations:write",
        (
            "POST",
            "/v1/determinations/{determination_id}/graduated-response",
        ): "determinations:write",
        ("POST", "/v1/determinations/{determination_id}/evidence-requests"): "determinations:write",
        ("POST", "/v1/determinations/{determination_id}/evidence"): "evidence:submit",
        ("GET", "/v1/documents/{sha256}"): "determinations:read",
        ("POST", "/v1/determinations/{determination_id}/nhs-referrals"): "determinations:write",
        (
            "POST",
            "/v1/determinations/{determination_id}/nhs-referrals/{referral_id}/answer",
        ): "evidence:submit",
        (
            "POST",
            "/v1/determinations/{determination_id}/referral-to-local-authority",
        ): "determinations:write",
        ("POST", "/v1/determinations/{determination_id}/exception-claims"): "determinations:write",
        ("POST", "/v1/determinations/{determination_id}/decision"): "determinations:write",
        ("POST", "/v1/determinations/{determination_id}/notices"): "determinations:write",
        ("POST", "/v1/determinations/{determination_id}/withdrawal"): "determinations:write",
        ("GET", "/v1/learners/{learner_id}"): "determinations:read",
        ("GET", "/v1/learners/by-upn/{upn}"): "determinations:read",
        ("POST", "/v1/learners/{learner_id}/enrolments"): "determinations:write",
        ("POST", "/v1/learners/{learner_id}/erasure"): "determinations:write",
        ("POST", "/v1/learners/{learner_id}/rectification"): "determinations:write",
        ("POST", "/v1/learners/{learner_id}/enrolments/{setting}/end"): "determinations:write",
        ("PUT", "/v1/calendars/{calendar_id}"): "calendars:write",
        ("GET", "/v1/calendars/{calendar_id}"): "calendars:read",
        ("GET", "/v1/rule-table"): "rules:read",
        ("POST", "/v1/rule-table/corrections"): "rules:write",
    },
    large_bodies={
        # A nightly MIS sync: up to 1000 concerns of a few hundred bytes to a kilobyte each.
        ("POST", "/v1/determinations/bulk"): 4 * 1024 * 1024,
        # Evidence documents (multipart): several of up to DETERMINATION_MAX_DOCUMENT_BYTES.
        ("POST", "/v1/determinations/{determination_id}/evidence"): 25 * 1024 * 1024,
    },
)
