"""A service descriptor: what it says is read from its settings and routes, and a descriptor
that contradicts itself is refused when it is made."""

import pytest
from pydantic_settings import SettingsConfigDict

from llwybr.registry import RegistryError, Scope, ServiceDescriptor
from llwybr.settings import ServiceSettings


class ExampleSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EXAMPLE_", extra="ignore")

    service: str = "example"
    port: int = 8009


READ = Scope("Read examples", frozenset({"school", "auditor"}))
WRITE = Scope("Change examples", frozenset({"school"}))
ROUTES = {
    ("GET", "/v1/examples/{example_id}"): "examples:read",
    ("POST", "/v1/examples"): "examples:write",
    ("GET", "/v1/examples-due-soon"): "examples:read",
}


def descriptor(**changes: object) -> ServiceDescriptor:
    fields: dict[str, object] = {
        "name": "example",
        "settings": ExampleSettings,
        "scopes": {"examples:read": READ, "examples:write": WRITE},
        "routes": ROUTES,
    }
    return ServiceDescriptor(**{**fields, **changes})  # type: ignore[arg-type]


def test_the_prefix_and_port_are_the_settings_own() -> None:
    example = descriptor()
    assert example.env_prefix == "EXAMPLE_"
    assert example.port == 8009


def test_the_resources_are_the_first_segments_of_the_routes_in_order() -> None:
    assert descriptor().resources == ("examples", "examples-due-soon")


def test_settings_read_from_the_environment_with_the_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EXAMPLE_PORT", "9100")
    assert descriptor().service_settings().port == 9100


def test_a_route_needing_a_scope_the_service_does_not_define_is_refused() -> None:
    with pytest.raises(RegistryError, match="needs examples:delete"):
        descriptor(routes={**ROUTES, ("DELETE", "/v1/examples/{example_id}"): "examples:delete"})


def test_a_scope_no_route_needs_is_refused() -> None:
    with pytest.raises(RegistryError, match="no route needs examples:audit"):
        descriptor(scopes={"examples:read": READ, "examples:write": WRITE, "examples:audit": READ})


def test_a_scope_given_to_an_unknown_kind_of_organisation_is_refused() -> None:
    wrong = Scope("Read examples", frozenset({"school", "parent"}))
    with pytest.raises(RegistryError, match="unknown kinds"):
        descriptor(scopes={"examples:read": wrong, "examples:write": WRITE})


def test_a_route_outside_the_public_api_is_refused() -> None:
    with pytest.raises(RegistryError, match="not a public route"):
        descriptor(routes={**ROUTES, ("GET", "/internal/examples"): "examples:read"})


def test_a_descriptor_with_another_services_settings_is_refused() -> None:
    with pytest.raises(RegistryError, match="settings are for example"):
        descriptor(name="other")
