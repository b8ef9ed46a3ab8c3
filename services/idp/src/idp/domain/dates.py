"""The day each stored event takes effect (the auditors' "in force" axis, ``llwybr.in_force``):
the name of its ``date`` field, or None for an event with no date of its own (a draft edit: it
takes effect when recorded, or with the next dated event, e.g. the issue it went into, if that
is earlier; only issued versions are the plan in force)."""

from collections.abc import Mapping

from idp.domain.plan import Idp

_DRAFT: tuple[type, ...] = (
    Idp.Section1Set, Idp.OnePageProfileSet, Idp.AlnDescriptionSet, Idp.AlpElementAdded,
    Idp.AlpElementAmended, Idp.AlpElementRemoved, Idp.WelshLanguageDecisionSet, Idp.LaExtrasSet,
    Idp.Section3Set, Idp.LacDetailsSet,
)  # fmt: skip

IN_FORCE: Mapping[type, str | None] = {
    Idp.Opened: "opened_on",
    **dict.fromkeys(_DRAFT),
    Idp.Issued: "issued_on",
    Idp.Revised: "issued_on",
    Idp.RevisionDirected: "directed_on",
    Idp.RevisionOrdered: "ordered_on",
    Idp.ReviewRequested: "requested_on",
    Idp.ReviewRequestDeclined: "declined_on",
    Idp.ReviewHeld: "held_on",
    Idp.NhsAlpAdded: "added_on",
    Idp.Transferred: "transferred_on",
    Idp.FeiAsked: "requested_on",
    Idp.FeiAnswered: "answered_on",
    Idp.CeaseProposed: "proposed_on",
    Idp.CeaseProposalWithdrawn: "withdrawn_on",
    Idp.Ceased: "decided_on",
    Idp.Reinstated: "reinstated_on",
    Idp.Closed: "closed_on",
    Idp.NoticeGiven: "given_on",
    Idp.GivenNoticeBounced: "bounced_on",
    Idp.DeadlineRecalculated: None,  # a calendar published: takes effect when recorded
    Idp.DeliveryRecorded: "on",
    Idp.ProvisionShortfallFound: "found_on",
    Idp.ProvisionShortfallEnded: "ended_on",
}
