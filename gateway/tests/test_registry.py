"""The registry of services: one entry each, and everything the gateway keeps per service is
read from it (routing, scopes, service URLs, stack mode's ports and settings)."""

import pytest

from gateway import authz, registry, stack
from gateway.registry import SERVICES, defined_scopes, resource_owners
from gateway.settings import Settings, url_variable
from llwybr.registry import RegistryError, Scope, ServiceDescriptor


def test_the_registry_lists_the_four_services_in_order() -> None:
    assert registry.NAMES == ("determination", "idp", "disputes", "notifications")


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_each_entry_is_its_services_own_spec_and_settings(service: ServiceDescriptor) -> None:
    assert registry.spec(service).name == service.name
    assert service.service_settings().service == service.name
    assert service.env_prefix == f"{service.name.upper()}_"


def test_each_service_has_its_own_default_port() -> None:
    ports = [s.port for s in SERVICES]
    assert len(set(ports)) == len(ports)
    assert Settings.model_fields["port"].default not in ports


def test_every_public_resource_is_forwarded_to_the_service_whose_routes_it_holds() -> None:
    for service in SERVICES:
        for _, template in service.routes:
            assert registry.RESOURCES[template.split("/")[2]] == service.name


def test_two_services_claiming_one_resource_are_refused() -> None:
    determination, idp = SERVICES[:2]
    clash = ServiceDescriptor(
        idp.name,
        idp.settings,
        idp.scopes,
        {**idp.routes, ("GET", "/v1/determinations"): "idps:read"},
    )
    with pytest.raises(RegistryError, match="/v1/determinations is claimed"):
        resource_owners((determination, clash))


def test_two_services_defining_one_scope_are_refused() -> None:
    determination, idp = SERVICES[:2]
    clash = ServiceDescriptor(
        idp.name,
        idp.settings,
        {**idp.scopes, "determinations:read": Scope("Read", frozenset({"la"}))},
        {**idp.routes, ("GET", "/v1/idps-determinations"): "determinations:read"},
    )
    with pytest.raises(RegistryError, match="scope determinations:read is defined"):
        defined_scopes((determination, clash))


def test_the_scope_table_is_the_gateways_routes_and_every_services() -> None:
    for service in SERVICES:
        assert service.routes.items() <= authz.ROUTE_SCOPES.items()
    assert authz.GATEWAY_ROUTES.items() <= authz.ROUTE_SCOPES.items()
    assert len(authz.ROUTE_SCOPES) == len(authz.GATEWAY_ROUTES) + sum(
        len(s.routes) for s in SERVICES
    )


def test_each_kind_of_organisation_gets_the_scopes_that_name_it() -> None:
    idp = registry.service("idp")
    assert "idps:review" in authz.ROLE_SCOPES["lhb"]
    assert idp.scopes["idps:review"].kinds == {
        kind for kind, scopes in authz.ROLE_SCOPES.items() if "idps:review" in scopes
    }


def test_the_gateway_reads_each_services_url_from_its_own_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for service in SERVICES:
        monkeypatch.setenv(url_variable(service.name), f"http://{service.name}:{service.port}")
    settings = Settings(idp_url="http://elsewhere:8002")
    assert settings.service_url("determination") == "http://determination:8001"
    assert settings.service_url("idp") == "http://elsewhere:8002"  # given beats the environment


def test_by_default_the_gateway_finds_each_service_on_its_default_port() -> None:
    settings = Settings()
    for service in SERVICES:
        assert settings.service_url(service.name) == f"http://127.0.0.1:{service.port}"


def test_stack_mode_runs_every_registered_service_on_its_port_and_prefix() -> None:
    assert stack.DEPLOYABLES[:-1] == registry.NAMES
    assert stack.DEPLOYABLES[-1] == "gateway"  # started last
    for service in SERVICES:
        assert stack.DEFAULT_PORTS[service.name] == service.port
        assert stack.ENV_PREFIXES[service.name] == service.env_prefix
        assert service.env_prefix in stack.OWN_PREFIXES


def test_no_path_matches_two_routes_of_one_method() -> None:
    # The scope of a request is its first matching route's: two that could match one path
    # would make the answer depend on the registry's order.
    for first in authz.ROUTES:
        sample = first.template.replace("{", "x").replace("}", "")
        others = [r for r in authz.ROUTES if r is not first and r.method == first.method]
        assert [r.template for r in others if r.pattern.match(sample)] == [], first.template
