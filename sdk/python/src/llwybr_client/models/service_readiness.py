from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_readiness_status import ServiceReadinessStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.service_readiness_checks_type_0 import ServiceReadinessChecksType0


T = TypeVar("T", bound="ServiceReadiness")


@_attrs_define
class ServiceReadiness:
    """A service's own `/readyz` report, or `unreachable` with the error.

    Attributes:
        status (ServiceReadinessStatus):
        checks (None | ServiceReadinessChecksType0 | Unset):
        error (None | str | Unset): Why it could not be reached
    """

    status: ServiceReadinessStatus
    checks: None | ServiceReadinessChecksType0 | Unset = UNSET
    error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.service_readiness_checks_type_0 import ServiceReadinessChecksType0  # noqa: PLC0415

        status = self.status.value

        checks: dict[str, Any] | None | Unset
        if isinstance(self.checks, Unset):
            checks = UNSET
        elif isinstance(self.checks, ServiceReadinessChecksType0):
            checks = self.checks.to_dict()
        else:
            checks = self.checks

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if checks is not UNSET:
            field_dict["checks"] = checks
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.service_readiness_checks_type_0 import ServiceReadinessChecksType0  # noqa: PLC0415

        d = dict(src_dict)
        status = ServiceReadinessStatus(d.pop("status"))

        def _parse_checks(data: object) -> None | ServiceReadinessChecksType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                checks_type_0 = ServiceReadinessChecksType0.from_dict(data)

                return checks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceReadinessChecksType0 | Unset, data)

        checks = _parse_checks(d.pop("checks", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        service_readiness = cls(
            status=status,
            checks=checks,
            error=error,
        )

        service_readiness.additional_properties = d
        return service_readiness

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
