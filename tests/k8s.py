"""deploy/k8s rendered as the cluster would receive it, with the tools scripts/k8s-tools.sh
installs (kustomize, kubeconform and the JSON Schemas, all from the package registries)."""

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conftest import REPO

OVERLAYS = ("dev", "prod")
K8S = REPO / "deploy" / "k8s"
TOOLS = REPO / "scripts" / "k8s-tools.sh"

Resource = dict[str, Any]


@dataclass(frozen=True)
class Tools:
    kustomize: Path
    kubeconform: Path
    schema_location: str

    @classmethod
    def ensure(cls) -> "Tools":
        """Install what is missing (cached), then say where everything is."""
        subprocess.run(["bash", str(TOOLS), "ensure"], check=True, timeout=1800)
        env = subprocess.run(
            ["bash", str(TOOLS), "env"], check=True, capture_output=True, text=True
        ).stdout
        values = dict(line.split("=", 1) for line in env.splitlines() if "=" in line)
        return cls(
            Path(values["KUSTOMIZE"]), Path(values["KUBECONFORM"]), values["K8S_SCHEMA_LOCATION"]
        )

    def build(self, overlay: str) -> str:
        """``kustomize build`` of an overlay: the manifests as YAML documents."""
        return subprocess.run(
            [str(self.kustomize), "build", str(K8S / "overlays" / overlay)],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout

    def validate(self, manifests: str) -> subprocess.CompletedProcess[str]:
        """kubeconform -strict against the Kubernetes, Strimzi and CloudNativePG schemas."""
        return subprocess.run(
            [str(self.kubeconform), "-strict", "-summary", "-output", "text",
             "-schema-location", self.schema_location, "-"],
            input=manifests,
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip


def parse(manifests: str) -> list[Resource]:
    return [d for d in yaml.safe_load_all(manifests) if d]


def dump(resources: list[Resource]) -> str:
    return yaml.safe_dump_all(resources, sort_keys=False)
