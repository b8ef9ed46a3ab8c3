from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_item_result_problem_type_0 import BulkItemResultProblemType0


T = TypeVar("T", bound="BulkItemResult")


@_attrs_define
class BulkItemResult:
    """
    Attributes:
        index (int):
        status (int | Literal['existing']): 201 (raised), "existing" (the learner's open case: nothing created) or the
            refusal's HTTP status
        id (None | Unset | UUID): The case raised, or the open one
        learner_id (None | str | Unset):
        problem (BulkItemResultProblemType0 | None | Unset):
        version (int | None | Unset):
    """

    index: int
    status: int | Literal["existing"]
    id: None | Unset | UUID = UNSET
    learner_id: None | str | Unset = UNSET
    problem: BulkItemResultProblemType0 | None | Unset = UNSET
    version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.bulk_item_result_problem_type_0 import BulkItemResultProblemType0  # noqa: PLC0415

        index = self.index

        status: int | Literal["existing"]
        status = self.status

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, UUID):
            id = str(self.id)
        else:
            id = self.id

        learner_id: None | str | Unset
        if isinstance(self.learner_id, Unset):
            learner_id = UNSET
        else:
            learner_id = self.learner_id

        problem: dict[str, Any] | None | Unset
        if isinstance(self.problem, Unset):
            problem = UNSET
        elif isinstance(self.problem, BulkItemResultProblemType0):
            problem = self.problem.to_dict()
        else:
            problem = self.problem

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if learner_id is not UNSET:
            field_dict["learner_id"] = learner_id
        if problem is not UNSET:
            field_dict["problem"] = problem
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_item_result_problem_type_0 import BulkItemResultProblemType0  # noqa: PLC0415

        d = dict(src_dict)
        index = d.pop("index")

        def _parse_status(data: object) -> int | Literal["existing"]:
            status_type_1 = cast(Literal["existing"], data)
            if status_type_1 != "existing":
                raise ValueError(
                    f"status_type_1 must match const 'existing', got '{status_type_1}'"
                )
            return status_type_1
            return cast(int | Literal["existing"], data)

        status = _parse_status(d.pop("status"))

        def _parse_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                id_type_0 = UUID(data)

                return id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_learner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        learner_id = _parse_learner_id(d.pop("learner_id", UNSET))

        def _parse_problem(data: object) -> BulkItemResultProblemType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                problem_type_0 = BulkItemResultProblemType0.from_dict(data)

                return problem_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BulkItemResultProblemType0 | None | Unset, data)

        problem = _parse_problem(d.pop("problem", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        bulk_item_result = cls(
            index=index,
            status=status,
            id=id,
            learner_id=learner_id,
            problem=problem,
            version=version,
        )

        bulk_item_result.additional_properties = d
        return bulk_item_result

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
