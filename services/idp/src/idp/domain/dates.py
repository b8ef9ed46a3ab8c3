"""The day each stored event takes effect (the auditors' "in force" axis, ``llwybr.in_force``):
the name of its ``date`` field, or None for an event with no date of its own (a draft edit: it
takes effect when recorded, or with the next dated event, e.g. the issue it went into, if that
is earlier; only issued versions are the plan in force)."""

from collections.abc import Mapping

_DRAFT = (
    "Section1Set", "OnePageProfileSet", "AlnDescriptionSet", "AlpElementAdded",
    "AlpElementAmended", "AlpElementRemoved", "WelshLanguageDecisionSet", "LaExtrasSet",
    "Section3Set", "LacDetailsSet",
)  # fmt: skip

IN_FORCE: Mapping[str, str | None] = {
    "Idp.Opened": "opened_on",
    **{f"Idp.{name}": None for name in _DRAFT},
    "Idp.Issued": "issued_on",
    "Idp.Revised": "issued_on",
    "Idp.RevisionDirected": "directed_on",
    "Idp.ReviewRequested": "requested_on",
    "Idp.ReviewRequestDeclined": "declined_on",
    "Idp.ReviewHeld": "held_on",
    "Idp.NhsAlpAdded": "added_on",
    "Idp.Transferred": "transferred_on",
    "Idp.CeaseProposed": "proposed_on",
    "Idp.CeaseProposalWithdrawn": "withdrawn_on",
    "Idp.Ceased": "decided_on",
    "Idp.Reinstated": "reinstated_on",
    "Idp.Closed": "closed_on",
    "Idp.DeliveryRecorded": "on",
}
