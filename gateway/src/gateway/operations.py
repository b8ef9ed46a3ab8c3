"""The public operations' stable ids (``verbNoun``), and the headers every operation of a kind
has, added to the merged OpenAPI document (issue 20).

The ids are a published contract: generated SDKs name their methods after them, so they are
written here once, by hand, and never derived from function names or paths (which change in a
refactoring). A new public route needs its id here; ``test_openapi`` fails until it has one.
"""

from typing import Any

from gateway.authz import CLIENT_KINDS, SCOPES

#: (method, path) -> operationId.
OPERATION_IDS: dict[tuple[str, str], str] = {
    # authentication and operations (the gateway's own)
    ("GET", "/.well-known/jwks.json"): "getJwks",
    ("GET", "/.well-known/oauth-authorization-server"): "getAuthorizationServerMetadata",
    ("POST", "/oauth/token"): "createAccessToken",
    ("GET", "/healthz"): "getLiveness",
    ("GET", "/readyz"): "getReadiness",
    ("GET", "/readyz/services"): "getServicesReadiness",
    ("GET", "/metrics"): "getMetrics",
    # audit
    ("GET", "/v1/access-audit"): "listAccessAuditRows",
    ("GET", "/v1/audit/learners/{learner_id}/bundle"): "exportLearnerBundle",
    ("GET", "/v1/audit/learners/{learner_id}/timeline"): "getLearnerTimeline",
    ("GET", "/v1/audit/verify"): "verifyIntegrity",
    ("GET", "/v1/audit/{service}/aggregates/{aggregate_id}"): "getAggregateAsOf",
    # determinations
    ("GET", "/v1/determinations"): "listDeterminations",
    ("POST", "/v1/determinations"): "raiseConcern",
    ("POST", "/v1/determinations/bulk"): "raiseConcerns",
    ("GET", "/v1/determinations-changes"): "listDeterminationChanges",
    ("GET", "/v1/determinations-due-soon"): "listDeterminationsDueSoon",
    ("GET", "/v1/determinations/{determination_id}"): "getDetermination",
    ("POST", "/v1/determinations/{determination_id}/consent"): "recordConsent",
    ("POST", "/v1/determinations/{determination_id}/decision"): "decideDetermination",
    ("POST", "/v1/determinations/{determination_id}/evidence"): "submitEvidence",
    ("POST", "/v1/determinations/{determination_id}/evidence-requests"): "requestEvidence",
    ("POST", "/v1/determinations/{determination_id}/exception-claims"): "claimException",
    ("POST", "/v1/determinations/{determination_id}/graduated-response"): (
        "recordGraduatedResponse"
    ),
    ("POST", "/v1/determinations/{determination_id}/nhs-referrals"): "receiveNhsReferral",
    ("POST", "/v1/determinations/{determination_id}/nhs-referrals/{referral_id}/answer"): (
        "answerNhsReferral"
    ),
    ("POST", "/v1/determinations/{determination_id}/notices"): "giveDeterminationNotice",
    ("POST", "/v1/determinations/{determination_id}/referral-to-local-authority"): (
        "referToLocalAuthority"
    ),
    ("POST", "/v1/determinations/{determination_id}/withdrawal"): "withdrawConcern",
    ("GET", "/v1/documents/{sha256}"): "getDocument",
    ("GET", "/v1/learners/{learner_id}"): "getLearner",
    ("GET", "/v1/learners/by-upn/{upn}"): "getLearnerByUpn",
    ("POST", "/v1/learners/{learner_id}/enrolments"): "recordEnrolment",
    ("POST", "/v1/learners/{learner_id}/enrolments/{setting}/end"): "endEnrolment",
    ("POST", "/v1/learners/{learner_id}/erasure"): "eraseLearnerPersonalData",
    ("POST", "/v1/learners/{learner_id}/rectification"): "rectifyLearner",
    ("GET", "/v1/learners/{learner_id}/subject-access"): "exportLearnerSubjectAccess",
    ("GET", "/v1/calendars/{calendar_id}"): "getCalendar",
    ("PUT", "/v1/calendars/{calendar_id}"): "setCalendar",
    ("GET", "/v1/rule-table"): "getRuleTable",
    ("POST", "/v1/rule-table/corrections"): "correctRules",
    ("GET", "/v1/statistics/local-authorities/{local_authority}"): "getLocalAuthorityStatistics",
    ("GET", "/v1/local-authorities/{local_authority}/retention"): "getLocalAuthorityRetention",
    # IDPs
    ("GET", "/v1/idps"): "listIdps",
    ("POST", "/v1/idps"): "openIdp",
    ("GET", "/v1/idps-alp"): "listProvidedAlp",
    ("GET", "/v1/idps-changes"): "listIdpChanges",
    ("GET", "/v1/idps-welsh-medium/{local_authority}"): "getWelshMediumAlp",
    ("GET", "/v1/idps-shortfalls"): "listProvisionShortfalls",
    ("GET", "/v1/idps/{idp_id}/provision"): "getProvisionAgainstDelivered",
    ("POST", "/v1/idps/{idp_id}/fei-requests"): "askFeiToMaintain",
    ("POST", "/v1/idps/{idp_id}/fei-requests/answer"): "answerFeiRequest",
    (
        "POST",
        "/v1/idps/{idp_id}/fei-requests/ministers-determination",
    ): "recordMinistersDetermination",
    ("GET", "/v1/idps/{idp_id}"): "getIdp",
    ("POST", "/v1/idps/{idp_id}/cease-proposals"): "proposeCessation",
    ("POST", "/v1/idps/{idp_id}/cessation"): "decideCessation",
    ("POST", "/v1/idps/{idp_id}/closure"): "closeIdp",
    ("POST", "/v1/idps/{idp_id}/deliveries"): "recordAlpDelivery",
    ("PUT", "/v1/idps/{idp_id}/draft/aln-description"): "setAlnDescription",
    ("POST", "/v1/idps/{idp_id}/draft/alp-elements"): "addAlpElement",
    ("DELETE", "/v1/idps/{idp_id}/draft/alp-elements/{element_id}"): "removeAlpElement",
    ("PUT", "/v1/idps/{idp_id}/draft/alp-elements/{element_id}"): "amendAlpElement",
    ("PUT", "/v1/idps/{idp_id}/draft/la-extras"): "setLocalAuthorityExtras",
    ("PUT", "/v1/idps/{idp_id}/draft/lac-details"): "setLookedAfterDetails",
    ("PUT", "/v1/idps/{idp_id}/draft/one-page-profile"): "setOnePageProfile",
    ("PUT", "/v1/idps/{idp_id}/draft/section-1"): "setSectionOne",
    ("PUT", "/v1/idps/{idp_id}/draft/section-3"): "setSectionThree",
    ("PUT", "/v1/idps/{idp_id}/draft/welsh-language-decision"): "setWelshLanguageDecision",
    ("POST", "/v1/idps/{idp_id}/issue"): "issueIdp",
    ("POST", "/v1/idps/{idp_id}/nhs-alp"): "addNhsAlp",
    ("POST", "/v1/idps/{idp_id}/review-requests"): "requestReview",
    ("POST", "/v1/idps/{idp_id}/review-requests/decline"): "declineReviewRequest",
    ("POST", "/v1/idps/{idp_id}/reviews"): "holdReview",
    ("POST", "/v1/idps/{idp_id}/revisions"): "reviseIdp",
    ("POST", "/v1/idps/{idp_id}/transfers"): "transferIdp",
    ("GET", "/v1/idps/{idp_id}/versions/{number}"): "getIdpVersion",
    ("GET", "/v1/idps/{idp_id}/versions/{number}/pdf"): "getIdpVersionPdf",
    # disputes
    ("POST", "/v1/advocacy"): "requestAdvocacy",
    ("GET", "/v1/advocacy/{advocacy_id}"): "getAdvocacy",
    ("POST", "/v1/advocacy/{advocacy_id}/end"): "endAdvocacy",
    ("POST", "/v1/advocacy/{advocacy_id}/provision"): "provideAdvocacy",
    ("POST", "/v1/complaints"): "openComplaint",
    ("GET", "/v1/complaints/{complaint_id}"): "getComplaint",
    ("POST", "/v1/complaints/{complaint_id}/closure"): "closeComplaint",
    ("POST", "/v1/appeals"): "lodgeAppeal",
    ("GET", "/v1/appeals/{appeal_id}"): "getAppeal",
    ("POST", "/v1/appeals/{appeal_id}/acknowledgement"): "acknowledgeAppeal",
    ("POST", "/v1/appeals/{appeal_id}/capacity-declarations"): "declareCapacity",
    ("POST", "/v1/appeals/{appeal_id}/case-friend"): "appointCaseFriend",
    ("POST", "/v1/appeals/{appeal_id}/case-friend/removal"): "removeCaseFriend",
    ("POST", "/v1/appeals/{appeal_id}/case-statements"): "submitCaseStatement",
    ("POST", "/v1/appeals/{appeal_id}/decision"): "decideAppeal",
    ("POST", "/v1/appeals/{appeal_id}/hearing"): "scheduleHearing",
    ("POST", "/v1/appeals/{appeal_id}/orders/{order_id}/compliance"): "reportOrderCompliance",
    ("POST", "/v1/appeals/{appeal_id}/recommendations/{recommendation_id}/report"): (
        "reportOnRecommendation"
    ),
    ("POST", "/v1/appeals/{appeal_id}/review-applications"): "applyForReview",
    ("POST", "/v1/disagreement-resolutions"): "openDisagreementResolution",
    ("GET", "/v1/disagreement-resolutions/{case_id}"): "getDisagreementResolution",
    ("POST", "/v1/disagreement-resolutions/{case_id}/conclusion"): (
        "concludeDisagreementResolution"
    ),
    ("GET", "/v1/disputes"): "listLearnerDisputes",
    ("GET", "/v1/disputes/local-authorities/{local_authority}/open"): "listOpenDisputes",
    ("GET", "/v1/disputes/local-authorities/{local_authority}/outcomes"): "getDisputeOutcomes",
    ("GET", "/v1/disputes/recommendations-awaiting-report"): "listRecommendationsAwaitingReport",
    ("POST", "/v1/reconsiderations"): "requestReconsideration",
    ("GET", "/v1/reconsiderations/{case_id}"): "getReconsideration",
    ("POST", "/v1/reconsiderations/{case_id}/decision"): "decideReconsideration",
    ("POST", "/v1/reconsiderations/{case_id}/disagreement-resolution"): (
        "startDisagreementResolution"
    ),
    ("POST", "/v1/reconsiderations/{case_id}/invitation"): "inviteViews",
    ("POST", "/v1/reconsiderations/{case_id}/notice"): "giveReconsiderationNotice",
    ("POST", "/v1/reconsiderations/{case_id}/representations"): "receiveRepresentations",
    # notices and contacts
    ("GET", "/v1/contacts/learners/{learner_id}"): "getLearnerContacts",
    ("PUT", "/v1/contacts/learners/{learner_id}"): "setLearnerContacts",
    ("GET", "/v1/contacts/organisations/{organisation}"): "getOrganisationContact",
    ("PUT", "/v1/contacts/organisations/{organisation}"): "setOrganisationContact",
    ("GET", "/v1/notices"): "listNotices",
    ("POST", "/v1/notices/bounces"): "forwardBounce",
    ("POST", "/v1/notices/health-body-opinions"): "recordHealthBodyOpinion",
    ("GET", "/v1/notices/health-body-opinions/{opinion_id}"): "getHealthBodyOpinion",
    ("POST", "/v1/notices/health-body-opinions/{opinion_id}/local-authority"): (
        "bringOpinionToLocalAuthority"
    ),
    ("GET", "/v1/notices/{notice_id}"): "getNotice",
    ("POST", "/v1/notices/{notice_id}/redelivery"): "redeliverNotice",
    ("POST", "/v1/notices/{notice_id}/given-outside"): "recordNoticeGivenOutside",
    ("GET", "/v1/reminders"): "listReminders",
    # webhooks
    ("GET", "/v1/webhooks"): "listWebhookSubscriptions",
    ("POST", "/v1/webhooks"): "createWebhookSubscription",
    ("DELETE", "/v1/webhooks/{subscription_id}"): "deleteWebhookSubscription",
    ("GET", "/v1/webhooks/{subscription_id}"): "getWebhookSubscription",
    ("PATCH", "/v1/webhooks/{subscription_id}"): "updateWebhookSubscription",
    ("GET", "/v1/webhooks/{subscription_id}/deliveries"): "listWebhookDeliveries",
    ("GET", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}"): "getWebhookDelivery",
    ("POST", "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redelivery"): (
        "redeliverWebhookDelivery"
    ),
    ("POST", "/v1/webhooks/{subscription_id}/secret-rotation"): "rotateWebhookSecret",
}

_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 255},
    "description": "Makes a repeat safe: the same key and body gets the first answer again "
    "(`Idempotent-Replayed: true`); another body with the key 422; while the first runs 409.",
}
_ETAG = {
    "description": 'The resource\'s version, e.g. `"3"`: send it back as `If-Match`',
    "schema": {"type": "string"},
}
_LOCATION = {"description": "Where the new resource is", "schema": {"type": "string"}}
_REPLAYED = {
    "description": "`true` when this is the first answer to the same `Idempotency-Key` again",
    "schema": {"type": "string", "enum": ["true"]},
}

_DEPRECATION = {
    "description": "RFC 9745: a field of this answer is deprecated (marked so in its schema) "
    "since this date (`@` and Unix time); see the CHANGELOG for what replaces it",
    "schema": {"type": "string", "examples": ["@1796601600"]},
}

#: Whose clients hold a scope, as a sentence says it.
_HOLDERS = {
    "school": "schools", "fei": "FEIs", "la": "LAs", "lhb": "health boards",
    "nhs": "NHS trusts", "tribunal": "the Tribunal", "auditor": "auditors",
    "system": "the administrator",
}  # fmt: skip
assert set(_HOLDERS) == set(CLIENT_KINDS)


def describe_operations(document: dict[str, Any]) -> None:
    """Give every operation its stable id, say who may call it and how its versions and pages
    work (from what the gateway knows: its scope, its parameters, its answer), and document
    the headers the gateway and services send and take: ``Idempotency-Key`` and
    ``Idempotent-Replayed`` on every forwarded POST, ``Location`` on a 201, ``ETag`` on a
    versioned resource's answers."""
    versioned = _versioned_paths(document)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            known = OPERATION_IDS.get((method.upper(), path))
            if known is not None:
                operation["operationId"] = known
            _describe(operation, document.get("components", {}).get("schemas", {}))
            forwarded = path.startswith("/v1/")
            if forwarded and method == "post":
                parameters = operation.setdefault("parameters", [])
                if all(p.get("name") != "Idempotency-Key" for p in parameters):
                    parameters.append(_IDEMPOTENCY_KEY)
            for status, response in operation.get("responses", {}).items():
                if not status.startswith("2"):
                    continue
                headers = dict(response.get("headers", {}))
                if forwarded and method == "post":
                    headers.setdefault("Idempotent-Replayed", _REPLAYED)
                if status == "201":
                    headers.setdefault("Location", _LOCATION)
                if forwarded and (
                    path in versioned
                    or status == "201"
                    or _takes_if_match(operation)
                    or _accepted(response)
                ):
                    headers.setdefault("ETag", _ETAG)
                properties = _properties(
                    response, document.get("components", {}).get("schemas", {})
                )
                if any(p.get("deprecated") for p in properties.values()):
                    headers.setdefault("Deprecation", _DEPRECATION)
                if headers:
                    # A copy: services share one response object between their routes.
                    operation["responses"][status] = {**response, "headers": headers}


def _describe(operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    """The operation's own description (its docstring, or its summary), then how to call it."""
    notes = []
    for requirement in operation.get("security", []):
        for scope in requirement.get("oauth2", []):
            kinds = [_HOLDERS[k] for k in CLIENT_KINDS if k in SCOPES[scope].kinds]
            notes.append(f"Needs the scope `{scope}` (given to the clients of {_listed(kinds)}).")
    if _takes_if_match(operation):
        notes.append(
            "With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412)."
        )
    answers = [r for s, r in operation.get("responses", {}).items() if s.startswith("2")]
    if any(_accepted(r) for r in answers):
        notes.append("Answers the record's `id` and new `version` (also the `ETag`).")
    query = {p.get("name") for p in operation.get("parameters", []) if p.get("in") == "query"}
    if {"after", "limit"} <= query:
        cursor = next((c for c in ("next_after", "cursor") if _answers(answers, schemas, c)), None)
        given = f"`{cursor}`" if cursor else "the last item's cursor"
        notes.append(f"By page: up to `limit` items; pass {given} as `after` for the next.")
    problems = _problems(operation)
    if problems:
        notes.append(f"Problems (RFC 9457) of its own: {problems}.")
    own = operation.get("description") or operation.get("summary", "")
    operation["description"] = "\n\n".join(filter(None, [own, " ".join(notes)]))


#: The problem answers an operation gives of its own (the others, 401, 429, 500 and 503, any
#: operation can give, and the API description says when).
_OWN_PROBLEMS = ("400", "403", "404", "409", "412", "413", "422")


def _problems(operation: dict[str, Any]) -> str:
    """The operation's own problem answers, as a sentence lists them: "404 no such case; ..."."""
    responses = operation.get("responses", {})
    return "; ".join(
        f"{status} {_lower_first(description)}"
        for status in _OWN_PROBLEMS
        if "application/problem+json" in responses.get(status, {}).get("content", {})
        and (description := responses[status].get("description", ""))
    )


def _lower_first(text: str) -> str:
    """ "No such case" -> "no such case", but "If-Match names ..." stays as it is."""
    return (
        text[:1].lower() + text[1:] if text[1:2].islower() and "-" not in text.split()[0] else text
    )


def _answers(answers: list[dict[str, Any]], schemas: dict[str, Any], field: str) -> bool:
    """Whether one of the answers' JSON bodies has ``field``."""
    return any(field in _properties(response, schemas) for response in answers)


def _properties(response: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    """The properties of an answer's JSON body (a named schema), by name."""
    reference = response.get("content", {}).get("application/json", {}).get("schema", {})
    name = reference.get("$ref", "").rpartition("/")[2]
    properties: dict[str, Any] = schemas.get(name, {}).get("properties", {})
    return properties


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _accepted(response: dict[str, Any]) -> bool:
    """A command's answer (``llwybr.edge.Accepted``: id and version, the version the ETag)."""
    schemas = [c.get("schema", {}) for c in response.get("content", {}).values()]
    return any(s.get("$ref", "").endswith("/Accepted") for s in schemas)


def _takes_if_match(operation: dict[str, Any]) -> bool:
    return any(p.get("name", "").lower() == "if-match" for p in operation.get("parameters", []))


def _versioned_paths(document: dict[str, Any]) -> set[str]:
    """Resources changed with ``If-Match``: reading one answers its version as the ETag."""
    changed = [
        path
        for path, item in document["paths"].items()
        if any(_takes_if_match(op) for op in item.values())
    ]
    return {
        path
        for path in document["paths"]
        if path.endswith("}") and any(c == path or c.startswith(path + "/") for c in changed)
    }
