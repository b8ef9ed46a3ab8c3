"""Scopes per capability: which scope each public route needs (one table, tested against the
OpenAPI document so a new route without a rule fails the tests).

Organisation scoping (which cases an organisation may see) is enforced by each service, which
knows the cases; the gateway checks the capability.
"""

import re
from dataclasses import dataclass

#: (method, path template) -> scope. Path templates are the OpenAPI ones.
ROUTE_SCOPES: dict[tuple[str, str], str] = {
    ("GET", "/v1/determinations"): "determinations:read",
    ("POST", "/v1/determinations"): "determinations:write",
    ("GET", "/v1/determinations/{determination_id}"): "determinations:read",
    ("GET", "/v1/determinations-due-soon"): "determinations:read",
    ("GET", "/v1/determinations-changes"): "determinations:read",
    ("POST", "/v1/determinations/bulk"): "determinations:write",
    ("GET", "/v1/statistics/local-authorities/{local_authority}"): "determinations:read",
    ("POST", "/v1/determinations/{determination_id}/consent"): "determinations:write",
    ("POST", "/v1/determinations/{determination_id}/graduated-response"): "determinations:write",
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
    ("PUT", "/v1/calendars/{calendar_id}"): "calendars:write",
    ("GET", "/v1/calendars/{calendar_id}"): "calendars:read",
    ("GET", "/v1/rule-table"): "rules:read",
    ("POST", "/v1/rule-table/corrections"): "rules:write",
    ("GET", "/v1/access-audit"): "audit:read",
    ("GET", "/v1/audit/learners/{learner_id}/timeline"): "audit:read",
    ("GET", "/v1/audit/{service}/aggregates/{aggregate_id}"): "audit:read",
    ("GET", "/v1/audit/verify"): "audit:read",
    ("GET", "/v1/audit/learners/{learner_id}/bundle"): "audit:read",
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
    ("GET", "/v1/disputes/local-authorities/{local_authority}/open"): "disputes:read",
    ("GET", "/v1/disputes/local-authorities/{local_authority}/outcomes"): "disputes:read",
    ("GET", "/v1/disputes/recommendations-awaiting-report"): "disputes:read",
    ("GET", "/v1/idps"): "idps:read",
    ("GET", "/v1/idps-alp"): "idps:read",
    ("GET", "/v1/idps-changes"): "idps:read",
    ("GET", "/v1/idps-welsh-medium/{local_authority}"): "idps:read",
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
    ("POST", "/v1/idps/{idp_id}/cease-proposals"): "idps:write",
    ("POST", "/v1/idps/{idp_id}/cessation"): "idps:write",
    ("POST", "/v1/idps/{idp_id}/closure"): "idps:write",
    ("POST", "/v1/idps/{idp_id}/deliveries"): "provision:record",
    ("PUT", "/v1/contacts/learners/{learner_id}"): "contacts:write",
    ("GET", "/v1/contacts/learners/{learner_id}"): "contacts:read",
    ("PUT", "/v1/contacts/organisations/{organisation}"): "contacts:write",
    ("GET", "/v1/contacts/organisations/{organisation}"): "contacts:read",
    ("GET", "/v1/notices"): "notices:read",
    ("GET", "/v1/notices/{notice_id}"): "notices:read",
    ("POST", "/v1/notices/{notice_id}/redelivery"): "notices:write",
    ("POST", "/v1/notices/bounces"): "bounces:report",
    ("POST", "/v1/notices/health-body-opinions"): "notices:write",
    ("GET", "/v1/notices/health-body-opinions/{opinion_id}"): "notices:read",
    ("POST", "/v1/notices/health-body-opinions/{opinion_id}/local-authority"): "notices:write",
    ("GET", "/v1/reminders"): "notices:read",
    ("POST", "/v1/webhooks"): "webhooks:manage",
    ("GET", "/v1/webhooks"): "webhooks:manage",
    ("GET", "/v1/webhooks/{subscription_id}"): "webhooks:manage",
    ("PATCH", "/v1/webhooks/{subscription_id}"): "webhooks:manage",
    ("DELETE", "/v1/webhooks/{subscription_id}"): "webhooks:manage",
    ("POST", "/v1/webhooks/{subscription_id}/secret-rotation"): "webhooks:manage",
    ("GET", "/v1/webhooks/{subscription_id}/deliveries"): "webhooks:manage",
    ("GET", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}"): "webhooks:manage",
    (
        "POST",
        "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redelivery",
    ): "webhooks:manage",
}

#: The scopes each kind of organisation's clients are normally given.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    "school": frozenset(
        {"determinations:read", "determinations:write", "evidence:submit", "calendars:read",
         "calendars:write", "rules:read", "idps:read", "idps:write", "idps:review",
         "provision:record", "disputes:read", "disputes:write", "contacts:read",
         "contacts:write", "notices:read", "notices:write", "webhooks:manage"}
    ),
    "fei": frozenset(
        {"determinations:read", "determinations:write", "evidence:submit", "calendars:read",
         "calendars:write", "rules:read", "idps:read", "idps:write", "idps:review",
         "provision:record", "disputes:read", "orders:comply", "contacts:read", "contacts:write",
         "notices:read", "notices:write", "webhooks:manage"}
    ),
    "la": frozenset(
        {"determinations:read", "determinations:write", "evidence:submit", "calendars:read",
         "calendars:write", "rules:read", "idps:read", "idps:write", "idps:review",
         "provision:record", "disputes:read", "disputes:write", "orders:comply",
         "contacts:read", "contacts:write", "notices:read", "notices:write", "webhooks:manage"}
    ),
    "lhb": frozenset(
        {"determinations:read", "evidence:submit", "calendars:read", "rules:read", "idps:read",
         "idps:review", "provision:record", "disputes:read", "recommendations:report",
         "contacts:read", "contacts:write", "notices:read", "notices:write", "webhooks:manage"}
    ),
    "tribunal": frozenset(
        {"determinations:read", "calendars:read", "rules:read", "idps:read", "disputes:read",
         "appeals:write", "contacts:read", "contacts:write", "notices:read", "notices:write"}
    ),
    "auditor": frozenset(
        {"determinations:read", "calendars:read", "rules:read", "audit:read", "idps:read",
         "disputes:read", "contacts:read", "notices:read"}
    ),
    "system": frozenset(
        {"calendars:read", "rules:read", "rules:write", "audit:read", "contacts:read",
         "contacts:write", "bounces:report"}
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    scope: str
    pattern: re.Pattern[str]


def _compile(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[a-z0-9_]+\\\}", "[^/]+", re.escape(template)) + "$")


ROUTES = [Route(m, t, s, _compile(t)) for (m, t), s in ROUTE_SCOPES.items()]


def required_scope(method: str, path: str) -> str | None:
    """The scope a request needs; None when no public route matches (404)."""
    for route in ROUTES:
        if route.method == method and route.pattern.match(path):
            return route.scope
    return None
