"""The day each stored event takes effect (the auditors' "in force" axis, ``llwybr.in_force``):
the name of its ``date`` field, or None for an event with no date of its own (it takes effect
when recorded, or with the next dated event if that is earlier)."""

from collections.abc import Mapping

from determination.domain.calendar import CalendarRecord
from determination.domain.determination import Determination
from determination.domain.registry import LearnerIndex, LearnerRecord, OpenDetermination
from determination.domain.rules import RuleTableRecord

IN_FORCE: Mapping[type, str | None] = {
    Determination.ConcernRaised: "came_to_attention_on",
    Determination.ConsentRecorded: "recorded_on",
    Determination.GraduatedResponseRecorded: "recorded_on",
    Determination.EvidenceRequested: "requested_on",
    Determination.EvidenceSubmitted: "submitted_on",
    Determination.NhsReferralReceived: "received_on",
    Determination.NhsReferralAnswered: "answered_on",
    Determination.ReferredToLocalAuthority: "referred_on",
    Determination.ExceptionClaimed: "claimed_on",
    Determination.DeadlineRecalculated: None,  # in force from when it was recalculated
    Determination.Decided: "decided_on",
    Determination.NoticeIssued: "issued_on",
    Determination.Reconsidered: "decided_on",
    Determination.Withdrawn: "withdrawn_on",
    Determination.DecisionGiven: "given_on",
    Determination.GivenNoticeBounced: "bounced_on",
    CalendarRecord.Set: None,
    CalendarRecord.Corrected: None,
    RuleTableRecord.Started: None,
    RuleTableRecord.Corrected: None,
    LearnerRecord.Registered: None,
    LearnerRecord.UpnAttached: None,
    LearnerRecord.LocalIdAttached: None,
    LearnerRecord.Enrolled: "enrolled_on",
    LearnerRecord.Left: "left_on",
    LearnerRecord.Absorbed: None,
    LearnerRecord.MergedInto: None,
    LearnerRecord.PersonalDataErased: "erased_on",
    LearnerRecord.LegalHoldPlaced: "placed_on",
    LearnerRecord.LegalHoldLifted: "lifted_on",
    LearnerRecord.Rectified: "rectified_on",
    LearnerIndex.Named: None,
    LearnerIndex.Repointed: None,
    OpenDetermination.Started: None,
    OpenDetermination.Opened: None,
}
