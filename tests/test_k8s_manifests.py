"""Every rendered manifest (``kustomize build`` of each overlay) is valid against the Kubernetes
API's schemas and the Strimzi and CloudNativePG CRDs (kubeconform -strict); the alert rules and
the dashboard deployed with them read only metrics the code exports."""

import copy

import pytest

from tests.k8s import OVERLAYS, Tools, dump, parse
from tests.monitoring import (
    DASHBOARD,
    RULES,
    dashboard,
    exported_metrics,
    expressions,
    metrics_in,
    rules,
    unknown_metrics,
)

#: Kinds each overlay must render, so a validation that passes has checked them.
EXPECTED_KINDS = {
    "Namespace", "ServiceAccount", "ConfigMap", "Deployment", "Service",
    "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "NetworkPolicy",
    "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "ScheduledBackup",
}  # fmt: skip


@pytest.fixture(scope="module")
def tools() -> Tools:
    return Tools.ensure()


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_rendered_manifest_is_valid_against_the_kubernetes_and_crd_schemas(
    tools: Tools, overlay: str
) -> None:
    manifests = tools.build(overlay)

    result = tools.validate(manifests)

    assert result.returncode == 0, result.stdout + result.stderr
    count = len(parse(manifests))
    assert f"{count} resources found" in result.stdout
    assert f"Valid: {count}, Invalid: 0, Errors: 0, Skipped: 0" in result.stdout
    assert {r["kind"] for r in parse(manifests)} >= EXPECTED_KINDS


def test_kubeconform_refuses_what_the_schemas_do_not_allow(tools: Tools) -> None:
    resources = parse(tools.build("prod"))
    broken = copy.deepcopy(resources)
    for resource in broken:
        name = resource["metadata"]["name"]
        if resource["kind"] == "Deployment" and name == "idp":
            resource["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
        elif resource["kind"] == "KafkaTopic" and name == "aln.idp.v1":
            resource["spec"]["partitions"] = "six"
        elif resource["kind"] == "Cluster":
            resource["spec"]["instance"] = 3
        elif resource["kind"] == "KafkaUser" and name == "llwybr-idp":
            resource["spec"]["authorization"]["acls"][0]["operations"] = ["Wrote"]

    result = tools.validate(dump(broken))

    assert result.returncode != 0
    for invalid in ("Deployment idp", "KafkaTopic aln.idp.v1", "Cluster llwybr-db",
                    "KafkaUser llwybr-idp"):  # fmt: skip
        assert f"{invalid} is invalid" in result.stdout, result.stdout
    assert "Invalid: 4," in result.stdout


# -- monitoring as code: the alert rules and the dashboard read what the code exports ---------


def test_every_metric_the_alert_rules_and_the_dashboard_read_is_one_the_code_exports() -> None:
    known = exported_metrics()
    pairs = list(expressions())

    assert unknown_metrics(iter(pairs), known) == {}
    read = set().union(*(metrics_in(expr) for _, expr in pairs))
    # the figures issue #21 asks operators to see, each with an alert
    alerted = set().union(*(metrics_in(rule["expr"]) for rule in rules()))
    for figure in ("consumer_lag_messages", "llwybr_outbox_backlog_events",
                   "llwybr_consumer_dead_letters_waiting", "llwybr_notices_escalated",
                   "llwybr_deadlines_missed", "llwybr_integrity_failures_total"):  # fmt: skip
        assert figure in alerted
        assert figure in read


def test_a_rule_reading_a_metric_the_code_does_not_export_is_caught() -> None:
    known = exported_metrics()
    pairs = [
        ("rule Typo", 'max by (service) (llwybr_outbox_backlog{service="idp"}) > 100'),
        ("rule Fine", "sum(increase(llwybr_integrity_failures_total[15m])) > 0"),
        ("panel Old", "histogram_quantile(0.95, rate(http_request_seconds_bucket[5m]))"),
    ]

    assert unknown_metrics(iter(pairs), known) == {
        "rule Typo": {"llwybr_outbox_backlog"},
        "panel Old": {"http_request_seconds_bucket"},
    }


def test_each_alert_rule_says_how_bad_and_what_happened() -> None:
    names = [rule["alert"] for rule in rules()]

    assert len(names) == len(set(names))
    for rule in rules():
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]
        assert rule["annotations"]["summary"], rule["alert"]


def test_every_dashboard_panel_has_its_own_id_and_a_query() -> None:
    panels = dashboard()["panels"]
    assert dashboard()["uid"] == "llwybr-operations"
    assert len({p["id"] for p in panels}) == len(panels)
    assert all(p["targets"] and all(t["expr"] for t in p["targets"]) for p in panels)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_rules_and_the_dashboard_are_deployed_as_they_are_in_the_repository(
    tools: Tools, overlay: str
) -> None:
    config_maps = {
        r["metadata"]["name"].rsplit("-", 1)[0]: r
        for r in parse(tools.build(overlay))
        if r["kind"] == "ConfigMap"
    }

    assert config_maps["llwybr-alert-rules"]["data"][RULES.name] == RULES.read_text()
    deployed = config_maps["llwybr-dashboard"]
    assert deployed["data"][DASHBOARD.name] == DASHBOARD.read_text()
    assert deployed["metadata"]["labels"]["grafana_dashboard"] == "1"
