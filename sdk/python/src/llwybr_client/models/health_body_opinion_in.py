from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.officer_model import OfficerModel
    from ..models.voluntary_organisation_model import VoluntaryOrganisationModel


T = TypeVar("T", bound="HealthBodyOpinionIn")


@_attrs_define
class HealthBodyOpinionIn:
    """
    Attributes:
        formed_on (datetime.date): The day the body formed its opinion (not after today)
        learner_id (str): The child; their parents come from the contacts registry
        local_authority (str): The LA responsible for the child, to be told after the parent
        officer (OfficerModel): The officer of the health body the parent may discuss the opinion with.
        voluntary_organisations (list[VoluntaryOrganisationModel] | Unset): The voluntary organisations the body thinks
            likely to be able to give the parent advice or assistance about the child's possible ALN (s.64(5)): the parent's
            notice names them; none: it says the body knows of none
    """

    formed_on: datetime.date
    learner_id: str
    local_authority: str
    officer: OfficerModel
    voluntary_organisations: list[VoluntaryOrganisationModel] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        formed_on = self.formed_on.isoformat()

        learner_id = self.learner_id

        local_authority = self.local_authority

        officer = self.officer.to_dict()

        voluntary_organisations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.voluntary_organisations, Unset):
            voluntary_organisations = []
            for voluntary_organisations_item_data in self.voluntary_organisations:
                voluntary_organisations_item = voluntary_organisations_item_data.to_dict()
                voluntary_organisations.append(voluntary_organisations_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "formed_on": formed_on,
                "learner_id": learner_id,
                "local_authority": local_authority,
                "officer": officer,
            }
        )
        if voluntary_organisations is not UNSET:
            field_dict["voluntary_organisations"] = voluntary_organisations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.officer_model import OfficerModel  # noqa: PLC0415
        from ..models.voluntary_organisation_model import VoluntaryOrganisationModel  # noqa: PLC0415

        d = dict(src_dict)
        formed_on = datetime.date.fromisoformat(d.pop("formed_on"))

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        officer = OfficerModel.from_dict(d.pop("officer"))

        _voluntary_organisations = d.pop("voluntary_organisations", UNSET)
        voluntary_organisations: list[VoluntaryOrganisationModel] | Unset = UNSET
        if _voluntary_organisations is not UNSET:
            voluntary_organisations = []
            for voluntary_organisations_item_data in _voluntary_organisations:
                voluntary_organisations_item = VoluntaryOrganisationModel.from_dict(
                    voluntary_organisations_item_data
                )

                voluntary_organisations.append(voluntary_organisations_item)

        health_body_opinion_in = cls(
            formed_on=formed_on,
            learner_id=learner_id,
            local_authority=local_authority,
            officer=officer,
            voluntary_organisations=voluntary_organisations,
        )

        return health_body_opinion_in
