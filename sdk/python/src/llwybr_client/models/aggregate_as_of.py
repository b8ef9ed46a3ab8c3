from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.aggregate_as_of_events_item import AggregateAsOfEventsItem
    from ..models.aggregate_as_of_state_type_0 import AggregateAsOfStateType0


T = TypeVar("T", bound="AggregateAsOf")


@_attrs_define
class AggregateAsOf:
    """An aggregate's events and its state by replay, as recorded and/or as in force.

    ``state`` is the aggregate's own (its fields differ by kind of case); each event also has
    its ``data``, ``actor``, ``correlation_id`` and chain hashes.

        Attributes:
            events (list[AggregateAsOfEventsItem]): The events replayed, oldest first
            version (int): The last version replayed (0: none)
            as_of_recorded (None | str | Unset): The moment asked for (ISO 8601)
            as_of_version (int | None | Unset):
            in_force_on (None | str | Unset): The day asked for (ISO 8601)
            not_in_force (list[int] | Unset): Versions recorded but not yet in force on the day
            state (AggregateAsOfStateType0 | None | Unset): The aggregate's state; None: no event
    """

    events: list[AggregateAsOfEventsItem]
    version: int
    as_of_recorded: None | str | Unset = UNSET
    as_of_version: int | None | Unset = UNSET
    in_force_on: None | str | Unset = UNSET
    not_in_force: list[int] | Unset = UNSET
    state: AggregateAsOfStateType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.aggregate_as_of_state_type_0 import AggregateAsOfStateType0  # noqa: PLC0415

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        version = self.version

        as_of_recorded: None | str | Unset
        if isinstance(self.as_of_recorded, Unset):
            as_of_recorded = UNSET
        else:
            as_of_recorded = self.as_of_recorded

        as_of_version: int | None | Unset
        if isinstance(self.as_of_version, Unset):
            as_of_version = UNSET
        else:
            as_of_version = self.as_of_version

        in_force_on: None | str | Unset
        if isinstance(self.in_force_on, Unset):
            in_force_on = UNSET
        else:
            in_force_on = self.in_force_on

        not_in_force: list[int] | Unset = UNSET
        if not isinstance(self.not_in_force, Unset):
            not_in_force = self.not_in_force

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, AggregateAsOfStateType0):
            state = self.state.to_dict()
        else:
            state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events": events,
                "version": version,
            }
        )
        if as_of_recorded is not UNSET:
            field_dict["as_of_recorded"] = as_of_recorded
        if as_of_version is not UNSET:
            field_dict["as_of_version"] = as_of_version
        if in_force_on is not UNSET:
            field_dict["in_force_on"] = in_force_on
        if not_in_force is not UNSET:
            field_dict["not_in_force"] = not_in_force
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aggregate_as_of_events_item import AggregateAsOfEventsItem  # noqa: PLC0415
        from ..models.aggregate_as_of_state_type_0 import AggregateAsOfStateType0  # noqa: PLC0415

        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = AggregateAsOfEventsItem.from_dict(events_item_data)

            events.append(events_item)

        version = d.pop("version")

        def _parse_as_of_recorded(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        as_of_recorded = _parse_as_of_recorded(d.pop("as_of_recorded", UNSET))

        def _parse_as_of_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        as_of_version = _parse_as_of_version(d.pop("as_of_version", UNSET))

        def _parse_in_force_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        in_force_on = _parse_in_force_on(d.pop("in_force_on", UNSET))

        not_in_force = cast(list[int], d.pop("not_in_force", UNSET))

        def _parse_state(data: object) -> AggregateAsOfStateType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                state_type_0 = AggregateAsOfStateType0.from_dict(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AggregateAsOfStateType0 | None | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        aggregate_as_of = cls(
            events=events,
            version=version,
            as_of_recorded=as_of_recorded,
            as_of_version=as_of_version,
            in_force_on=in_force_on,
            not_in_force=not_in_force,
            state=state,
        )

        aggregate_as_of.additional_properties = d
        return aggregate_as_of

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
