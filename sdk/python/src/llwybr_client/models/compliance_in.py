from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compliance_in_idp_revision_type_0 import ComplianceInIdpRevisionType0


T = TypeVar("T", bound="ComplianceIn")


@_attrs_define
class ComplianceIn:
    """
    Attributes:
        complied_on (datetime.date):
        evidence (str):
        idp_revision (ComplianceInIdpRevisionType0 | None | Unset): For a revise_idp order: {"idp_id", "version",
            "wording_found", "differences"}
    """

    complied_on: datetime.date
    evidence: str
    idp_revision: ComplianceInIdpRevisionType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.compliance_in_idp_revision_type_0 import ComplianceInIdpRevisionType0  # noqa: PLC0415

        complied_on = self.complied_on.isoformat()

        evidence = self.evidence

        idp_revision: dict[str, Any] | None | Unset
        if isinstance(self.idp_revision, Unset):
            idp_revision = UNSET
        elif isinstance(self.idp_revision, ComplianceInIdpRevisionType0):
            idp_revision = self.idp_revision.to_dict()
        else:
            idp_revision = self.idp_revision

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "complied_on": complied_on,
                "evidence": evidence,
            }
        )
        if idp_revision is not UNSET:
            field_dict["idp_revision"] = idp_revision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compliance_in_idp_revision_type_0 import ComplianceInIdpRevisionType0  # noqa: PLC0415

        d = dict(src_dict)
        complied_on = datetime.date.fromisoformat(d.pop("complied_on"))

        evidence = d.pop("evidence")

        def _parse_idp_revision(data: object) -> ComplianceInIdpRevisionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                idp_revision_type_0 = ComplianceInIdpRevisionType0.from_dict(data)

                return idp_revision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ComplianceInIdpRevisionType0 | None | Unset, data)

        idp_revision = _parse_idp_revision(d.pop("idp_revision", UNSET))

        compliance_in = cls(
            complied_on=complied_on,
            evidence=evidence,
            idp_revision=idp_revision,
        )

        return compliance_in
