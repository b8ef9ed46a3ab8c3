from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodySubmitEvidenceV1DeterminationsDeterminationIdEvidencePost")


@_attrs_define
class BodySubmitEvidenceV1DeterminationsDeterminationIdEvidencePost:
    """
    Attributes:
        submitted_by (str):
        submitted_on (datetime.date):
        summary (str):
        documents (list[str] | None | Unset):
        request_id (None | str | Unset):
    """

    submitted_by: str
    submitted_on: datetime.date
    summary: str
    documents: list[str] | None | Unset = UNSET
    request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        submitted_by = self.submitted_by

        submitted_on = self.submitted_on.isoformat()

        summary = self.summary

        documents: list[str] | None | Unset
        if isinstance(self.documents, Unset):
            documents = UNSET
        elif isinstance(self.documents, list):
            documents = self.documents

        else:
            documents = self.documents

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "submitted_by": submitted_by,
                "submitted_on": submitted_on,
                "summary": summary,
            }
        )
        if documents is not UNSET:
            field_dict["documents"] = documents
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("submitted_by", (None, str(self.submitted_by).encode(), "text/plain")))

        files.append(("submitted_on", (None, self.submitted_on.isoformat().encode(), "text/plain")))

        files.append(("summary", (None, str(self.summary).encode(), "text/plain")))

        if not isinstance(self.documents, Unset):
            if isinstance(self.documents, list):
                for documents_type_0_item_element in self.documents:
                    files.append(
                        (
                            "documents",
                            (None, str(documents_type_0_item_element).encode(), "text/plain"),
                        )
                    )
            else:
                files.append(("documents", (None, str(self.documents).encode(), "text/plain")))

        if not isinstance(self.request_id, Unset):
            if isinstance(self.request_id, str):
                files.append(("request_id", (None, str(self.request_id).encode(), "text/plain")))
            else:
                files.append(("request_id", (None, str(self.request_id).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        submitted_by = d.pop("submitted_by")

        submitted_on = datetime.date.fromisoformat(d.pop("submitted_on"))

        summary = d.pop("summary")

        def _parse_documents(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                documents_type_0 = cast(list[str], data)

                return documents_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        documents = _parse_documents(d.pop("documents", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        body_submit_evidence_v1_determinations_determination_id_evidence_post = cls(
            submitted_by=submitted_by,
            submitted_on=submitted_on,
            summary=summary,
            documents=documents,
            request_id=request_id,
        )

        body_submit_evidence_v1_determinations_determination_id_evidence_post.additional_properties = d
        return body_submit_evidence_v1_determinations_determination_id_evidence_post

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
