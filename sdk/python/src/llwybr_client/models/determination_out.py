from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.determination_out_consent_type_0 import DeterminationOutConsentType0
    from ..models.determination_out_deadlines import DeterminationOutDeadlines
    from ..models.determination_out_deciding_body import DeterminationOutDecidingBody
    from ..models.determination_out_decision_type_0 import DeterminationOutDecisionType0
    from ..models.determination_out_evidence_item import DeterminationOutEvidenceItem
    from ..models.determination_out_evidence_requests import DeterminationOutEvidenceRequests
    from ..models.determination_out_exceptions_item import DeterminationOutExceptionsItem
    from ..models.determination_out_graduated_response_item import (
        DeterminationOutGraduatedResponseItem,
    )
    from ..models.determination_out_learner import DeterminationOutLearner
    from ..models.determination_out_nhs_referrals import DeterminationOutNhsReferrals
    from ..models.determination_out_notices_item import DeterminationOutNoticesItem
    from ..models.determination_out_recalculations_item import DeterminationOutRecalculationsItem
    from ..models.determination_out_referral_to_la_type_0 import DeterminationOutReferralToLaType0
    from ..models.determination_out_superseded_decisions_item import (
        DeterminationOutSupersededDecisionsItem,
    )
    from ..models.determination_out_withdrawal_type_0 import DeterminationOutWithdrawalType0


T = TypeVar("T", bound="DeterminationOut")


@_attrs_define
class DeterminationOut:
    """
    Attributes:
        came_to_attention_on (datetime.date):
        consent (DeterminationOutConsentType0 | None):
        deadlines (DeterminationOutDeadlines):
        deciding_body (DeterminationOutDecidingBody):
        decision (DeterminationOutDecisionType0 | None): The decision in force
        evidence (list[DeterminationOutEvidenceItem]):
        evidence_requests (DeterminationOutEvidenceRequests):
        exceptions (list[DeterminationOutExceptionsItem]):
        graduated_response (list[DeterminationOutGraduatedResponseItem]):
        id (UUID):
        learner (DeterminationOutLearner):
        nhs_referrals (DeterminationOutNhsReferrals):
        no_decision_reason (None | str):
        notices (list[DeterminationOutNoticesItem]):
        raised_by (str):
        recalculations (list[DeterminationOutRecalculationsItem]):
        reconsidering_authority (None | str):
        referral_to_la (DeterminationOutReferralToLaType0 | None):
        status (str):
        superseded_decisions (list[DeterminationOutSupersededDecisionsItem]): Decisions that lapsed when the LA
            reconsidered them (R1)
        version (int):
        withdrawal (DeterminationOutWithdrawalType0 | None):
    """

    came_to_attention_on: datetime.date
    consent: DeterminationOutConsentType0 | None
    deadlines: DeterminationOutDeadlines
    deciding_body: DeterminationOutDecidingBody
    decision: DeterminationOutDecisionType0 | None
    evidence: list[DeterminationOutEvidenceItem]
    evidence_requests: DeterminationOutEvidenceRequests
    exceptions: list[DeterminationOutExceptionsItem]
    graduated_response: list[DeterminationOutGraduatedResponseItem]
    id: UUID
    learner: DeterminationOutLearner
    nhs_referrals: DeterminationOutNhsReferrals
    no_decision_reason: None | str
    notices: list[DeterminationOutNoticesItem]
    raised_by: str
    recalculations: list[DeterminationOutRecalculationsItem]
    reconsidering_authority: None | str
    referral_to_la: DeterminationOutReferralToLaType0 | None
    status: str
    superseded_decisions: list[DeterminationOutSupersededDecisionsItem]
    version: int
    withdrawal: DeterminationOutWithdrawalType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.determination_out_consent_type_0 import DeterminationOutConsentType0  # noqa: PLC0415
        from ..models.determination_out_decision_type_0 import DeterminationOutDecisionType0  # noqa: PLC0415
        from ..models.determination_out_referral_to_la_type_0 import (
            DeterminationOutReferralToLaType0,  # noqa: PLC0415
        )
        from ..models.determination_out_withdrawal_type_0 import DeterminationOutWithdrawalType0  # noqa: PLC0415

        came_to_attention_on = self.came_to_attention_on.isoformat()

        consent: dict[str, Any] | None
        if isinstance(self.consent, DeterminationOutConsentType0):
            consent = self.consent.to_dict()
        else:
            consent = self.consent

        deadlines = self.deadlines.to_dict()

        deciding_body = self.deciding_body.to_dict()

        decision: dict[str, Any] | None
        if isinstance(self.decision, DeterminationOutDecisionType0):
            decision = self.decision.to_dict()
        else:
            decision = self.decision

        evidence = []
        for evidence_item_data in self.evidence:
            evidence_item = evidence_item_data.to_dict()
            evidence.append(evidence_item)

        evidence_requests = self.evidence_requests.to_dict()

        exceptions = []
        for exceptions_item_data in self.exceptions:
            exceptions_item = exceptions_item_data.to_dict()
            exceptions.append(exceptions_item)

        graduated_response = []
        for graduated_response_item_data in self.graduated_response:
            graduated_response_item = graduated_response_item_data.to_dict()
            graduated_response.append(graduated_response_item)

        id = str(self.id)

        learner = self.learner.to_dict()

        nhs_referrals = self.nhs_referrals.to_dict()

        no_decision_reason: None | str
        no_decision_reason = self.no_decision_reason

        notices = []
        for notices_item_data in self.notices:
            notices_item = notices_item_data.to_dict()
            notices.append(notices_item)

        raised_by = self.raised_by

        recalculations = []
        for recalculations_item_data in self.recalculations:
            recalculations_item = recalculations_item_data.to_dict()
            recalculations.append(recalculations_item)

        reconsidering_authority: None | str
        reconsidering_authority = self.reconsidering_authority

        referral_to_la: dict[str, Any] | None
        if isinstance(self.referral_to_la, DeterminationOutReferralToLaType0):
            referral_to_la = self.referral_to_la.to_dict()
        else:
            referral_to_la = self.referral_to_la

        status = self.status

        superseded_decisions = []
        for superseded_decisions_item_data in self.superseded_decisions:
            superseded_decisions_item = superseded_decisions_item_data.to_dict()
            superseded_decisions.append(superseded_decisions_item)

        version = self.version

        withdrawal: dict[str, Any] | None
        if isinstance(self.withdrawal, DeterminationOutWithdrawalType0):
            withdrawal = self.withdrawal.to_dict()
        else:
            withdrawal = self.withdrawal

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "came_to_attention_on": came_to_attention_on,
                "consent": consent,
                "deadlines": deadlines,
                "deciding_body": deciding_body,
                "decision": decision,
                "evidence": evidence,
                "evidence_requests": evidence_requests,
                "exceptions": exceptions,
                "graduated_response": graduated_response,
                "id": id,
                "learner": learner,
                "nhs_referrals": nhs_referrals,
                "no_decision_reason": no_decision_reason,
                "notices": notices,
                "raised_by": raised_by,
                "recalculations": recalculations,
                "reconsidering_authority": reconsidering_authority,
                "referral_to_la": referral_to_la,
                "status": status,
                "superseded_decisions": superseded_decisions,
                "version": version,
                "withdrawal": withdrawal,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.determination_out_consent_type_0 import DeterminationOutConsentType0  # noqa: PLC0415
        from ..models.determination_out_deadlines import DeterminationOutDeadlines  # noqa: PLC0415
        from ..models.determination_out_deciding_body import DeterminationOutDecidingBody  # noqa: PLC0415
        from ..models.determination_out_decision_type_0 import DeterminationOutDecisionType0  # noqa: PLC0415
        from ..models.determination_out_evidence_item import DeterminationOutEvidenceItem  # noqa: PLC0415
        from ..models.determination_out_evidence_requests import DeterminationOutEvidenceRequests  # noqa: PLC0415
        from ..models.determination_out_exceptions_item import DeterminationOutExceptionsItem  # noqa: PLC0415
        from ..models.determination_out_graduated_response_item import (
            DeterminationOutGraduatedResponseItem,  # noqa: PLC0415
        )
        from ..models.determination_out_learner import DeterminationOutLearner  # noqa: PLC0415
        from ..models.determination_out_nhs_referrals import DeterminationOutNhsReferrals  # noqa: PLC0415
        from ..models.determination_out_notices_item import DeterminationOutNoticesItem  # noqa: PLC0415
        from ..models.determination_out_recalculations_item import (
            DeterminationOutRecalculationsItem,  # noqa: PLC0415
        )
        from ..models.determination_out_referral_to_la_type_0 import (
            DeterminationOutReferralToLaType0,  # noqa: PLC0415
        )
        from ..models.determination_out_superseded_decisions_item import (
            DeterminationOutSupersededDecisionsItem,  # noqa: PLC0415
        )
        from ..models.determination_out_withdrawal_type_0 import DeterminationOutWithdrawalType0  # noqa: PLC0415

        d = dict(src_dict)
        came_to_attention_on = datetime.date.fromisoformat(d.pop("came_to_attention_on"))

        def _parse_consent(data: object) -> DeterminationOutConsentType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                consent_type_0 = DeterminationOutConsentType0.from_dict(data)

                return consent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeterminationOutConsentType0 | None, data)

        consent = _parse_consent(d.pop("consent"))

        deadlines = DeterminationOutDeadlines.from_dict(d.pop("deadlines"))

        deciding_body = DeterminationOutDecidingBody.from_dict(d.pop("deciding_body"))

        def _parse_decision(data: object) -> DeterminationOutDecisionType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                decision_type_0 = DeterminationOutDecisionType0.from_dict(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeterminationOutDecisionType0 | None, data)

        decision = _parse_decision(d.pop("decision"))

        evidence = []
        _evidence = d.pop("evidence")
        for evidence_item_data in _evidence:
            evidence_item = DeterminationOutEvidenceItem.from_dict(evidence_item_data)

            evidence.append(evidence_item)

        evidence_requests = DeterminationOutEvidenceRequests.from_dict(d.pop("evidence_requests"))

        exceptions = []
        _exceptions = d.pop("exceptions")
        for exceptions_item_data in _exceptions:
            exceptions_item = DeterminationOutExceptionsItem.from_dict(exceptions_item_data)

            exceptions.append(exceptions_item)

        graduated_response = []
        _graduated_response = d.pop("graduated_response")
        for graduated_response_item_data in _graduated_response:
            graduated_response_item = DeterminationOutGraduatedResponseItem.from_dict(
                graduated_response_item_data
            )

            graduated_response.append(graduated_response_item)

        id = UUID(d.pop("id"))

        learner = DeterminationOutLearner.from_dict(d.pop("learner"))

        nhs_referrals = DeterminationOutNhsReferrals.from_dict(d.pop("nhs_referrals"))

        def _parse_no_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        no_decision_reason = _parse_no_decision_reason(d.pop("no_decision_reason"))

        notices = []
        _notices = d.pop("notices")
        for notices_item_data in _notices:
            notices_item = DeterminationOutNoticesItem.from_dict(notices_item_data)

            notices.append(notices_item)

        raised_by = d.pop("raised_by")

        recalculations = []
        _recalculations = d.pop("recalculations")
        for recalculations_item_data in _recalculations:
            recalculations_item = DeterminationOutRecalculationsItem.from_dict(
                recalculations_item_data
            )

            recalculations.append(recalculations_item)

        def _parse_reconsidering_authority(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reconsidering_authority = _parse_reconsidering_authority(d.pop("reconsidering_authority"))

        def _parse_referral_to_la(data: object) -> DeterminationOutReferralToLaType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                referral_to_la_type_0 = DeterminationOutReferralToLaType0.from_dict(data)

                return referral_to_la_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeterminationOutReferralToLaType0 | None, data)

        referral_to_la = _parse_referral_to_la(d.pop("referral_to_la"))

        status = d.pop("status")

        superseded_decisions = []
        _superseded_decisions = d.pop("superseded_decisions")
        for superseded_decisions_item_data in _superseded_decisions:
            superseded_decisions_item = DeterminationOutSupersededDecisionsItem.from_dict(
                superseded_decisions_item_data
            )

            superseded_decisions.append(superseded_decisions_item)

        version = d.pop("version")

        def _parse_withdrawal(data: object) -> DeterminationOutWithdrawalType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                withdrawal_type_0 = DeterminationOutWithdrawalType0.from_dict(data)

                return withdrawal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeterminationOutWithdrawalType0 | None, data)

        withdrawal = _parse_withdrawal(d.pop("withdrawal"))

        determination_out = cls(
            came_to_attention_on=came_to_attention_on,
            consent=consent,
            deadlines=deadlines,
            deciding_body=deciding_body,
            decision=decision,
            evidence=evidence,
            evidence_requests=evidence_requests,
            exceptions=exceptions,
            graduated_response=graduated_response,
            id=id,
            learner=learner,
            nhs_referrals=nhs_referrals,
            no_decision_reason=no_decision_reason,
            notices=notices,
            raised_by=raised_by,
            recalculations=recalculations,
            reconsidering_authority=reconsidering_authority,
            referral_to_la=referral_to_la,
            status=status,
            superseded_decisions=superseded_decisions,
            version=version,
            withdrawal=withdrawal,
        )

        determination_out.additional_properties = d
        return determination_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
