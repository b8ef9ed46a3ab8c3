from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.maintainer_kind import MaintainerKind

T = TypeVar("T", bound="MaintainerIn")


@_attrs_define
class MaintainerIn:
    """
    Attributes:
        kind (MaintainerKind): The body that maintains the plan.
        organisation (str):
    """

    kind: MaintainerKind
    organisation: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        organisation = self.organisation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "organisation": organisation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = MaintainerKind(d.pop("kind"))

        organisation = d.pop("organisation")

        maintainer_in = cls(
            kind=kind,
            organisation=organisation,
        )

        return maintainer_in
