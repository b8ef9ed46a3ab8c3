"""The rules every rendered manifest must keep, as a function from resources to violations.

Pods: not root, no privilege escalation, read-only root file system, no capabilities, the
default seccomp profile, no Kubernetes API token, readiness and liveness probes (a job: a
deadline instead), requests and limits. Exposure: only the gateway may be reached from
outside (no other Service of type LoadBalancer or NodePort or with external IPs, no Ingress
to anything else, and no Ingress path that reaches the gateway's in-cluster endpoints:
``/metrics``, ``/readyz``). Secrets: named, never committed with values.
"""

from collections.abc import Iterator
from typing import Any

Resource = dict[str, Any]

GATEWAY = "gateway"
#: What an egress rule to the whole internet must leave out: the cluster's and the cloud's own
#: addresses (private, shared, loopback, link-local: the metadata service).
INTERNAL = {
    "0.0.0.0/0": {"10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                  "172.16.0.0/12", "192.168.0.0/16"},
    "::/0": {"::/127", "::ffff:0:0/96", "fc00::/7", "fe80::/10"},
}  # fmt: skip
POD_TEMPLATES = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}
EXPOSED_TYPES = {"LoadBalancer", "NodePort"}
#: The gateway's paths for Prometheus and the kubelet only (``/readyz/services`` reports every
#: service): an Ingress must route none of them from outside.
IN_CLUSTER_PATHS = ("/metrics", "/readyz", "/readyz/services")


def violations(resources: list[Resource]) -> list[str]:
    """Every broken rule, as '<Kind>/<name>: <what>'; empty when the manifests are sound."""
    found: list[str] = []
    for resource in resources:
        where = f"{resource.get('kind')}/{resource.get('metadata', {}).get('name')}"
        found += [f"{where}: {problem}" for problem in _problems(resource)]
    return found


def _problems(resource: Resource) -> Iterator[str]:
    kind = resource.get("kind")
    if kind == "Job":
        yield from _job(resource["spec"])
    elif kind in POD_TEMPLATES:
        yield from _pod(resource["spec"]["template"]["spec"])
    elif kind == "CronJob":
        yield from _job(resource["spec"]["jobTemplate"]["spec"])
    elif kind == "Pod":
        yield from _pod(resource["spec"])
    elif kind == "Service":
        yield from _service(resource)
    elif kind == "Ingress":
        yield from _ingress(resource)
    elif kind == "NetworkPolicy":
        yield from _network_policy(resource)
    elif kind == "Secret" and (resource.get("data") or resource.get("stringData")):
        yield "a Secret with values is committed (create it out of band)"


def _job(job: Resource) -> Iterator[str]:
    """A run to completion serves nothing to probe: a deadline stops one that hangs instead."""
    yield from _pod(job["template"]["spec"], serves=False)
    if "activeDeadlineSeconds" not in job:
        yield "a job without activeDeadlineSeconds (a run that hangs is never stopped)"


def _pod(pod: Resource, *, serves: bool = True) -> Iterator[str]:
    pod_security = pod.get("securityContext", {})
    for flag in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.get(flag):
            yield f"{flag} is set"
    if pod.get("automountServiceAccountToken") is not False:
        yield "automountServiceAccountToken is not false"
    containers = [*pod.get("initContainers", []), *pod.get("containers", [])]
    for container in containers:
        name = container.get("name")
        security = {**pod_security, **container.get("securityContext", {})}
        if security.get("runAsNonRoot") is not True:
            yield f"container {name} may run as root (runAsNonRoot is not true)"
        if security.get("runAsUser") == 0:
            yield f"container {name} runs as root (runAsUser 0)"
        if security.get("privileged"):
            yield f"container {name} is privileged"
        if security.get("allowPrivilegeEscalation") is not False:
            yield f"container {name} may escalate privileges"
        if security.get("readOnlyRootFilesystem") is not True:
            yield f"container {name} has a writable root file system"
        if "ALL" not in security.get("capabilities", {}).get("drop", []):
            yield f"container {name} keeps Linux capabilities (drop ALL)"
        if security.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            yield f"container {name} has no RuntimeDefault seccomp profile"
        resources = container.get("resources", {})
        for bound in ("requests", "limits"):
            for quantity in ("cpu", "memory"):
                if quantity not in resources.get(bound, {}):
                    yield f"container {name} has no {quantity} {bound[:-1]}"
    for container in pod.get("containers", []) if serves else []:
        for probe in ("readinessProbe", "livenessProbe"):
            if probe not in container:
                yield f"container {container.get('name')} has no {probe}"


def _is_gateway(service: Resource) -> bool:
    selector = service.get("spec", {}).get("selector", {})
    return bool(
        service["metadata"]["name"] == GATEWAY and selector.get("app.kubernetes.io/name") == GATEWAY
    )


def _service(service: Resource) -> Iterator[str]:
    if _is_gateway(service):
        return
    spec = service.get("spec", {})
    if spec.get("type", "ClusterIP") in EXPOSED_TYPES:
        yield f"type {spec['type']} exposes a service other than the gateway"
    if spec.get("externalIPs"):
        yield "externalIPs expose a service other than the gateway"


def _ingress(ingress: Resource) -> Iterator[str]:
    spec = ingress.get("spec", {})
    backends = [spec["defaultBackend"]] if "defaultBackend" in spec else []
    for rule in spec.get("rules", []):
        backends += [path["backend"] for path in rule.get("http", {}).get("paths", [])]
    for backend in backends:
        target = backend.get("service", {}).get("name")
        if target != GATEWAY:
            yield f"routes outside traffic to {target or backend}, not the gateway"
    if "defaultBackend" in spec:
        yield f"routes every path from outside, {', '.join(IN_CLUSTER_PATHS)} included"
    for rule in spec.get("rules", []):
        for path in rule.get("http", {}).get("paths", []):
            where, kind = path.get("path", "/"), path.get("pathType", "Prefix")
            routed = [inside for inside in IN_CLUSTER_PATHS if _routes(where, kind, inside)]
            if routed:
                yield f"path {where} routes {', '.join(routed)} from outside"


def _routes(path: str, path_type: str, target: str) -> bool:
    """Whether an Ingress path of ``path_type`` matches ``target`` (an implementation-specific
    path is taken as a prefix, as ingress-nginx does)."""
    if path_type == "Exact":
        return path == target
    prefix = path.rstrip("/")
    return target == prefix or target.startswith(prefix + "/")


def _network_policy(policy: Resource) -> Iterator[str]:
    for rule in policy["spec"].get("egress", []):
        for peer in rule.get("to", []):
            block = peer.get("ipBlock", {})
            missing = INTERNAL.get(block.get("cidr"), set()) - set(block.get("except", []))
            if missing:
                yield f"egress to {block['cidr']} does not except {', '.join(sorted(missing))}"
