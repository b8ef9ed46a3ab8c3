"""The rendered manifests keep the deployment rules (tests/k8s_policy.py) and agree with the
code they deploy (ports, settings, topics, consumers); the rules catch a manifest that breaks
them."""

import copy
import importlib
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic_settings import BaseSettings
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from contracts import topics
from gateway.cli import retention_cronjobs
from gateway.registry import NAMES as SERVICES
from gateway.settings import Settings as GatewaySettings
from gateway.settings import url_variable
from gateway.stack import DEFAULT_PORTS, OWN_PREFIXES
from llwybr.organisations import WELSH_LOCAL_AUTHORITIES
from llwybr.personal_data.settings import PersonalDataSettings
from llwybr.service import ServiceSpec
from tests.k8s import K8S, OVERLAYS, Resource, Tools, parse
from tests.k8s_policy import violations

DEPLOYABLES = ("gateway", *SERVICES)


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[Resource]]:
    tools = Tools.ensure()
    return {overlay: parse(tools.build(overlay)) for overlay in OVERLAYS}


@pytest.fixture
def prod(rendered: dict[str, list[Resource]]) -> list[Resource]:
    """A copy of the production manifests a test may break."""
    return copy.deepcopy(rendered["prod"])


def of_kind(resources: list[Resource], kind: str) -> dict[str, Resource]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


def container(resources: list[Resource], deployment: str) -> dict[str, Any]:
    app: dict[str, Any] = of_kind(resources, "Deployment")[deployment]["spec"]["template"]["spec"][
        "containers"
    ][0]
    return app


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_rendered_manifests_keep_every_rule(
    rendered: dict[str, list[Resource]], overlay: str
) -> None:
    assert violations(rendered[overlay]) == []


# -- the rules catch what breaks them -----------------------------------------------------


def run_as_root(resources: list[Resource]) -> None:
    pod = of_kind(resources, "Deployment")["idp"]["spec"]["template"]["spec"]
    pod["securityContext"]["runAsNonRoot"] = False
    pod["containers"][0]["securityContext"].pop("runAsNonRoot")


def run_as_uid_0(resources: list[Resource]) -> None:
    container(resources, "disputes")["securityContext"]["runAsUser"] = 0


def no_readiness_probe(resources: list[Resource]) -> None:
    container(resources, "determination").pop("readinessProbe")


def no_liveness_probe(resources: list[Resource]) -> None:
    container(resources, "gateway").pop("livenessProbe")


def endless_job(resources: list[Resource]) -> None:
    of_kind(resources, "CronJob")["retention-run-665"]["spec"]["jobTemplate"]["spec"].pop(
        "activeDeadlineSeconds"
    )


def no_memory_limit(resources: list[Resource]) -> None:
    container(resources, "notifications")["resources"]["limits"].pop("memory")


def writable_root(resources: list[Resource]) -> None:
    container(resources, "idp")["securityContext"]["readOnlyRootFilesystem"] = False


def load_balancer(resources: list[Resource]) -> None:
    of_kind(resources, "Service")["idp"]["spec"]["type"] = "LoadBalancer"


def node_port(resources: list[Resource]) -> None:
    of_kind(resources, "Service")["disputes"]["spec"]["type"] = "NodePort"


def ingress_to_a_service(resources: list[Resource]) -> None:
    ingress = of_kind(resources, "Ingress")["gateway"]
    path = copy.deepcopy(ingress["spec"]["rules"][0]["http"]["paths"][0])
    path["path"] = "/internal"
    path["backend"]["service"] = {"name": "determination", "port": {"name": "http"}}
    ingress["spec"]["rules"][0]["http"]["paths"].append(path)


def ingress_to_everything(resources: list[Resource]) -> None:
    ingress = of_kind(resources, "Ingress")["gateway"]
    ingress["spec"]["rules"][0]["http"]["paths"][0]["path"] = "/"


def ingress_to_metrics(resources: list[Resource]) -> None:
    ingress = of_kind(resources, "Ingress")["gateway"]
    path = copy.deepcopy(ingress["spec"]["rules"][0]["http"]["paths"][0])
    path |= {"path": "/readyz", "pathType": "ImplementationSpecific"}
    ingress["spec"]["rules"][0]["http"]["paths"].append(path)


def committed_secret(resources: list[Resource]) -> None:
    resources.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "llwybr-internal"},
                      "stringData": {"internal-secret": "not-so-secret"}})  # fmt: skip


def metadata_reachable(resources: list[Resource]) -> None:
    policy = of_kind(resources, "NetworkPolicy")["notifications-to-the-internet"]
    policy["spec"]["egress"][0]["to"][0]["ipBlock"]["except"].remove("169.254.0.0/16")


BREAKAGES: dict[str, tuple[Callable[[list[Resource]], None], str]] = {
    "root": (run_as_root, "Deployment/idp: container app may run as root"),
    "uid 0": (run_as_uid_0, "Deployment/disputes: container app runs as root (runAsUser 0)"),
    "readiness": (no_readiness_probe, "Deployment/determination: container app has no readiness"),
    "liveness": (no_liveness_probe, "Deployment/gateway: container app has no livenessProbe"),
    "deadline": (endless_job, "CronJob/retention-run-665: a job without activeDeadlineSeconds"),
    "limits": (no_memory_limit, "Deployment/notifications: container app has no memory limit"),
    "writable": (writable_root, "Deployment/idp: container app has a writable root file system"),
    "load balancer": (load_balancer, "Service/idp: type LoadBalancer exposes a service"),
    "node port": (node_port, "Service/disputes: type NodePort exposes a service"),
    "ingress": (ingress_to_a_service, "Ingress/gateway: routes outside traffic to determination"),
    "ingress /": (ingress_to_everything, "Ingress/gateway: path / routes /metrics, /readyz"),
    "ingress /readyz": (ingress_to_metrics,
                        "Ingress/gateway: path /readyz routes /readyz, /readyz/services from "
                        "outside"),
    "secret": (committed_secret, "Secret/llwybr-internal: a Secret with values is committed"),
    "metadata": (metadata_reachable, "NetworkPolicy/notifications-to-the-internet: egress to "
                 "0.0.0.0/0 does not except 169.254.0.0/16"),
}  # fmt: skip


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_the_rules_catch_a_manifest_that_breaks_them(prod: list[Resource], breakage: str) -> None:
    break_it, expected = BREAKAGES[breakage]
    break_it(prod)

    found = violations(prod)

    assert len(found) == 1, found
    assert found[0].startswith(expected), found


# -- the manifests agree with the code ------------------------------------------------------


def settings_class(deployable: str) -> type[BaseSettings]:
    if deployable == "gateway":
        return GatewaySettings
    settings: type[BaseSettings] = importlib.import_module(f"{deployable}.settings").Settings
    return settings


def known_variables(deployable: str) -> set[str]:
    """The environment variables the deployable's settings read (pydantic ignores others)."""
    own = settings_class(deployable)
    prefix = own.model_config.get("env_prefix", "")
    known = {f"{prefix}{name}".upper() for name in own.model_fields if name != "runtime"}
    for field in own.model_fields.values():  # nested settings (the runtime: LLWYBR_*)
        nested = field.annotation
        if isinstance(nested, type) and issubclass(nested, BaseSettings):
            inner = nested.model_config.get("env_prefix", "")
            known |= {f"{inner}{name}".upper() for name in nested.model_fields}
    if deployable == "gateway":  # where each service answers, one variable per service
        known |= {url_variable(service) for service in SERVICES}
        known.add("FORWARDED_ALLOW_IPS")  # uvicorn's: whose X-Forwarded-For it believes
    elif importlib.import_module(f"{deployable}.main").SPEC.personal_data:
        # The vault's settings, read where the service opens it (ADR 0023).
        prefix = PersonalDataSettings.model_config.get("env_prefix", "")
        known |= {f"{prefix}{name}".upper() for name in PersonalDataSettings.model_fields}
    return known


def environment(resources: list[Resource], deployable: str) -> dict[str, str]:
    """The deployable's environment as its pod gets it; a Secret's value as a placeholder."""
    app = container(resources, deployable)
    config_maps = of_kind(resources, "ConfigMap")
    env: dict[str, str] = {}
    for source in app.get("envFrom", []):
        env |= config_maps[source["configMapRef"]["name"]]["data"]
    for variable in app.get("env", []):
        secret = variable.get("valueFrom", {}).get("secretKeyRef")
        env[variable["name"]] = (
            f"<{secret['name']}/{secret['key']}>" if secret else variable["value"]
        )
    return env


@pytest.mark.parametrize("deployable", DEPLOYABLES)
def test_each_deployable_listens_where_its_settings_and_the_gateway_expect(
    rendered: dict[str, list[Resource]], deployable: str
) -> None:
    resources = rendered["prod"]
    port = settings_class(deployable).model_fields["port"].default
    app = container(resources, deployable)

    assert app["command"] == ["python", "-m", deployable]
    assert app["ports"] == [{"name": "http", "containerPort": port}]
    assert of_kind(resources, "Service")[deployable]["spec"]["ports"][0]["port"] == port
    assert {"HorizontalPodAutoscaler", "PodDisruptionBudget"} <= {
        r["kind"] for r in resources if r["metadata"]["name"] == deployable
    }
    if deployable != "gateway":
        gateway_env = {v["name"]: v.get("value") for v in container(resources, "gateway")["env"]}
        assert gateway_env[url_variable(deployable)] == f"http://{deployable}:{port}"


@pytest.mark.parametrize("deployable", DEPLOYABLES)
def test_every_variable_a_deployable_is_given_is_one_its_settings_read(
    rendered: dict[str, list[Resource]], deployable: str
) -> None:
    given = set(environment(rendered["prod"], deployable))

    assert given - known_variables(deployable) == set()
    assert {"LLWYBR_MODE", "LLWYBR_INTERNAL_SECRET", "LLWYBR_POSTGRES_PASSWORD"} <= given


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("deployable", DEPLOYABLES)
def test_each_deployable_reads_valid_settings_from_its_pod_environment(
    rendered: dict[str, list[Resource]],
    deployable: str,
    overlay: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in list(os.environ):
        if name.startswith(OWN_PREFIXES):
            monkeypatch.delenv(name)
    for name, value in environment(rendered[overlay], deployable).items():
        monkeypatch.setenv(name, value)

    settings: Any = settings_class(deployable)()

    assert settings.runtime.mode == "stack"
    assert (settings.host, settings.port) == ("0.0.0.0", DEFAULT_PORTS[deployable])  # noqa: S104
    assert settings.runtime.postgres_host == "llwybr-db-rw"
    assert settings.runtime.internal_secret is not None
    if deployable == "gateway":
        assert settings.issuer.startswith("https://")
        assert settings.clients_file is not None
        assert settings.signing_key_pem is not None
    else:
        assert settings.schema_name == deployable
        assert settings.runtime.kafka_security_protocol == "SASL_SSL"
        assert settings.runtime.kafka_sasl_username == f"llwybr-{deployable}"


def test_there_is_a_topic_for_each_public_stream_with_unlimited_retention(
    rendered: dict[str, list[Resource]],
) -> None:
    kafka_topics = of_kind(rendered["prod"], "KafkaTopic")

    assert set(kafka_topics) == {t.name for t in topics.ALL}
    for topic in topics.ALL:
        spec = kafka_topics[topic.name]["spec"]
        assert spec["partitions"] == topic.partitions
        assert spec["config"]["retention.ms"] == -1
        assert spec["config"]["retention.bytes"] == -1


def test_every_la_in_the_register_has_its_own_retention_run(
    rendered: dict[str, list[Resource]],
) -> None:
    """ADR 0028, issue 23: the retention schedule runs for every LA, not only la:665; each LA's
    CronJob names its own LA, at its own minute (the runs do not start at once)."""
    for overlay in OVERLAYS:
        jobs = {name: job for name, job in of_kind(rendered[overlay], "CronJob").items()
                if name.startswith("retention-run-")}  # fmt: skip
        assert set(jobs) == {f"retention-run-{code}" for code in WELSH_LOCAL_AUTHORITIES}
        for name, job in jobs.items():
            app = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
            assert app["command"][-3:] == ["--la", f"la:{name.rpartition('-')[2]}", "--json"]
        schedules = [job["spec"]["schedule"] for job in jobs.values()]
        assert len(set(schedules)) == len(schedules)


def test_the_retention_cronjobs_are_generated_from_the_register() -> None:
    """The manifest is what ``python -m gateway.cli.retention_cronjobs`` writes: an LA added to
    the register and not regenerated fails here."""
    assert retention_cronjobs.MANIFEST.read_text(encoding="utf-8") == retention_cronjobs.render()


def acl(user: Resource, operation: str) -> set[tuple[str, str, str]]:
    return {
        (rule["resource"]["type"], rule["resource"]["name"], rule["resource"]["patternType"])
        for rule in user["spec"]["authorization"]["acls"]
        if operation in rule["operations"]
    }


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_writes_only_its_own_topic_and_may_read_what_it_consumes(
    rendered: dict[str, list[Resource]], service: str
) -> None:
    user = of_kind(rendered["prod"], "KafkaUser")[f"llwybr-{service}"]
    spec: ServiceSpec = importlib.import_module(f"{service}.main").SPEC
    consumed = {name for consumer in spec.consumers for name in consumer.topics}

    assert acl(user, "Write") == {("topic", topics.for_service(service).name, "literal")}
    assert {("topic", name, "literal") for name in consumed} <= acl(user, "Read")
    groups = {name for kind, name, _ in acl(user, "Read") if kind == "group"}
    assert groups <= {f"{service}."}
    assert not consumed or groups == {f"{service}."}
    deployment_env = container(rendered["prod"], service)["env"]
    assert {"name": "LLWYBR_KAFKA_SASL_USERNAME", "value": f"llwybr-{service}"} in deployment_env


def test_everything_is_denied_unless_a_network_policy_allows_it(
    rendered: dict[str, list[Resource]],
) -> None:
    deny = of_kind(rendered["prod"], "NetworkPolicy")["default-deny"]["spec"]

    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}


def secret_names(node: Any) -> Iterator[str]:
    """Names of the Secrets a manifest refers to, wherever it does."""
    if isinstance(node, list):
        for item in node:
            yield from secret_names(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "secretName":
                yield value
            elif key in SECRET_REFERENCES and isinstance(value, dict):
                yield value["name"]
            else:
                yield from secret_names(value)


#: Keys whose value is {name: <Secret>, ...}: env, CloudNativePG roles and backup credentials.
SECRET_REFERENCES = {"secretKeyRef", "passwordSecret", "accessKeyId", "secretAccessKey"}


def test_every_secret_referenced_is_made_by_an_operator_or_documented(
    rendered: dict[str, list[Resource]],
) -> None:
    referenced = set(secret_names(rendered["prod"]))
    by_operators = {f"llwybr-{s}" for s in SERVICES} | {"llwybr-cluster-ca-cert"}
    readme = (K8S / "README.md").read_text()
    documented = {
        name.replace("$role", deployable)
        for name in re.findall(r"kubectl -n \S+ create secret \S+ (\S+)", readme)
        for deployable in DEPLOYABLES
    }

    assert referenced - by_operators - documented == set()
    assert by_operators <= referenced
    assert {"llwybr-internal", "llwybr-gateway-oauth", "llwybr-db-backup"} <= referenced


async def test_the_gateway_sees_the_client_s_address_through_the_ingress_and_only_through_it(
    rendered: dict[str, list[Resource]],
) -> None:
    allowed = environment(rendered["prod"], "gateway")["FORWARDED_ALLOW_IPS"]
    assert "*" not in allowed
    seen: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["client"][0])

    proxy = ProxyHeadersMiddleware(app, trusted_hosts=allowed)  # as uvicorn reads the variable
    for peer in ("10.42.0.17", "198.51.100.7"):  # the ingress controller's pod; anyone else
        scope: Any = {"type": "http", "client": (peer, 40000), "scheme": "http",
                      "headers": [(b"x-forwarded-for", b"203.0.113.9")]}  # fmt: skip
        unused: Any = None
        await proxy(scope, unused, unused)
    assert seen == ["203.0.113.9", "198.51.100.7"]
