from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.maintainer_in import MaintainerIn


T = TypeVar("T", bound="OpenIn")


@_attrs_define
class OpenIn:
    """
    Attributes:
        learner_id (str):
        maintainer (MaintainerIn):
        opened_on (datetime.date):
        looked_after (bool | Unset):  Default: False.
    """

    learner_id: str
    maintainer: MaintainerIn
    opened_on: datetime.date
    looked_after: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        learner_id = self.learner_id

        maintainer = self.maintainer.to_dict()

        opened_on = self.opened_on.isoformat()

        looked_after = self.looked_after

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "learner_id": learner_id,
                "maintainer": maintainer,
                "opened_on": opened_on,
            }
        )
        if looked_after is not UNSET:
            field_dict["looked_after"] = looked_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.maintainer_in import MaintainerIn  # noqa: PLC0415

        d = dict(src_dict)
        learner_id = d.pop("learner_id")

        maintainer = MaintainerIn.from_dict(d.pop("maintainer"))

        opened_on = datetime.date.fromisoformat(d.pop("opened_on"))

        looked_after = d.pop("looked_after", UNSET)

        open_in = cls(
            learner_id=learner_id,
            maintainer=maintainer,
            opened_on=opened_on,
            looked_after=looked_after,
        )

        return open_in
