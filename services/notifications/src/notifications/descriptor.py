"""The notifications service as the platform knows it (``llwybr.registry``): its public
routes, the scope each needs, the scopes it defines. A new public route needs its line here."""

from llwybr.registry import Scope, ServiceDescriptor
from notifications.settings import Settings

DESCRIPTOR = ServiceDescriptor(
    name="notifications",
    settings=Settings,
    scopes={
        "contacts:read": Scope(
            "Read learners' parties and organisations' notice addresses (scoped)",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor", "system"}),
        ),
        "contacts:write": Scope(
            "Set learners' parties and organisations' notice addresses",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "system"}),
        ),
        "notices:read": Scope(
            "Read notices, their proof and escalations, and deadlines watched",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor"}),
        ),
        "notices:write": Scope(
            "Ask for an escalated notice to be sent again; a health body's s.64 "
            "opinion and bringing it to the LA's attention",
            frozenset({"school", "fei", "la", "lhb", "nhs", "tribunal"}),
        ),
        "bounces:report": Scope(
            "Forward bounces received for notices (the platform's mail relay)",
            frozenset({"system"}),
        ),
        "webhooks:manage": Scope(
            "Manage the organisation's webhook subscriptions and see their deliveries",
            frozenset({"school", "fei", "la", "lhb", "nhs"}),
        ),
    },
    routes={
        ("PUT", "/v1/contacts/learners/{learner_id}"): "contacts:write",
        ("GET", "/v1/contacts/learners/{learner_id}"): "contacts:read",
        ("PUT", "/v1/contacts/organisations/{organisation}"): "contacts:write",
        ("GET", "/v1/contacts/organisations/{organisation}"): "contacts:read",
        ("GET", "/v1/notices"): "notices:read",
        ("GET", "/v1/notices/{notice_id}"): "notices:read",
        ("POST", "/v1/notices/{notice_id}/redelivery"): "notices:write",
        ("POST", "/v1/notices/{notice_id}/given-outside"): "notices:write",
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
    },
    large_bodies={
        # A delivery report (message/rfc822): the route keeps its own, lower, limit
        # (NOTIFICATIONS_MAX_MESSAGE_BYTES, 10 MB by default).
        ("POST", "/v1/notices/bounces"): 16 * 1024 * 1024,
    },
)
