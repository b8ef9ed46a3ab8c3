"""The day each stored event takes effect (the auditors' "in force" axis, ``llwybr.in_force``):
the name of its ``date`` field, or None for an event with no date of its own (it takes effect
when recorded, or with the next dated event if that is earlier)."""

from disputes.domain.appeal import Appeal
from disputes.domain.disagreement import Advocacy, DisagreementResolution
from disputes.domain.notices import FamilyNotices
from disputes.domain.reconsideration import Reconsideration
from llwybr.in_force import InForceDates
from llwybr.rule_table import RuleTableInForce

IN_FORCE: InForceDates = {
    Reconsideration.Requested: "requested_on",
    Reconsideration.RepresentationsInvited: "invited_on",
    Reconsideration.RepresentationsReceived: "received_on",
    Reconsideration.Decided: "decided_on",
    Reconsideration.NoticeIssued: "issued_on",
    Reconsideration.DisagreementResolutionStarted: "started_on",
    Appeal.Lodged: "lodged_on",
    Appeal.Acknowledged: "acknowledged_on",
    Appeal.CaseStatementFiled: "filed_on",
    Appeal.HearingScheduled: None,  # listed now, for a later hearing date
    Appeal.Decided: "decided_on",
    Appeal.ReviewRequested: "applied_on",
    Appeal.CapacityDeclared: "declared_on",
    Appeal.CaseFriendAppointed: "appointed_on",
    Appeal.CaseFriendRemoved: "removed_on",
    Appeal.ComplianceRecorded: "complied_on",
    Appeal.RecommendationReported: "reported_on",
    Appeal.Closed: "closed_on",
    DisagreementResolution.Opened: "opened_on",
    DisagreementResolution.AppealWindowRecalculated: "recalculated_on",
    DisagreementResolution.Concluded: "concluded_on",
    Advocacy.Requested: "requested_on",
    Advocacy.Provided: "provided_on",
    Advocacy.Ended: "ended_on",
    FamilyNotices.Started: None,  # when the first notice was learned
    FamilyNotices.Given: "given_on",
    FamilyNotices.NotGiven: None,  # when the bounce was learned
    RuleTableInForce.Started: None,  # in force when recorded
    RuleTableInForce.Adopted: None,
}
