"""Every rendered manifest (``kustomize build`` of each overlay) is valid against the Kubernetes
API's schemas and the Strimzi and CloudNativePG CRDs (kubeconform -strict)."""

import copy

import pytest

from tests.k8s import OVERLAYS, Tools, dump, parse

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
