"""Turn the Kubernetes OpenAPI document and CRD manifests into kubeconform's JSON Schemas.

kubeconform looks a schema up by a path template; scripts/k8s-tools.sh passes
``<dir>/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}{{.StrictSuffix}}.json``, so each
kind gets ``<group>/<kind>_<version>.json`` (the core group is written ``v1``) and a ``-strict``
twin that refuses properties the API does not define (kubeconform ``-strict``).

    python scripts/k8s_schemas.py kubernetes <swagger.json> <out-dir>
    python scripts/k8s_schemas.py crds <out-dir> <crd.yaml>...

The conversion is the one the community's openapi2jsonschema makes: every schema standalone
(the definitions it needs copied in), int-or-string and quantities accept strings and numbers,
and ``nullable`` allows null.
"""

import copy
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

JsonObject = dict[str, Any]

INT_OR_STRING = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
STRING_OR_NUMBER = {"oneOf": [{"type": "string"}, {"type": "number"}]}


def loosen(node: Any) -> Any:
    """The OpenAPI idioms JSON Schema does not have, in JSON Schema terms."""
    if isinstance(node, list):
        return [loosen(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("format") == "int-or-string":
        return {**INT_OR_STRING, **_described(node)}
    result = {key: loosen(value) for key, value in node.items()}
    if result.pop("nullable", False) and isinstance(result.get("type"), str):
        result["type"] = [result["type"], "null"]
    return result


def strict(node: Any) -> Any:
    """Objects that list their properties accept no others, unless they say they keep any."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: strict(value) for key, value in node.items()}
    if (
        "properties" in result
        and "additionalProperties" not in result
        and not result.get("x-kubernetes-preserve-unknown-fields")
    ):
        result["additionalProperties"] = False
    return result


def _described(node: JsonObject) -> JsonObject:
    return {"description": node["description"]} if "description" in node else {}


def _refs(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            yield ref.removeprefix("#/definitions/")
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _reachable(name: str, definitions: JsonObject) -> list[str]:
    seen, pending = [name], [name]
    while pending:
        for ref in _refs(definitions[pending.pop()]):
            if ref not in seen:
                seen.append(ref)
                pending.append(ref)
    return seen


def _write(out: Path, group: str, kind: str, version: str, schema: JsonObject) -> None:
    directory = out / (group or version)
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{kind.lower()}_{version}"
    (directory / f"{stem}.json").write_text(json.dumps(schema))
    (directory / f"{stem}-strict.json").write_text(json.dumps(strict(schema)))


def kubernetes(swagger: Path, out: Path) -> int:
    """One standalone schema per group/version/kind of the Kubernetes API document."""
    definitions: JsonObject = json.loads(swagger.read_text())["definitions"]
    definitions[QUANTITY] = {**STRING_OR_NUMBER, **_described(definitions[QUANTITY])}
    definitions = {name: loosen(schema) for name, schema in definitions.items()}
    written = 0
    for name, definition in definitions.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            schema = copy.deepcopy(definition)
            schema["$schema"] = "http://json-schema.org/draft-07/schema#"
            needed = _reachable(name, definitions)[1:]
            if needed:
                schema["definitions"] = {ref: definitions[ref] for ref in needed}
            _write(out, gvk["group"], gvk["kind"], gvk["version"], schema)
            written += 1
    return written


def crds(out: Path, manifests: Iterable[Path]) -> int:
    """One schema per served version of each CustomResourceDefinition."""
    written = 0
    for manifest in manifests:
        for document in yaml.safe_load_all(manifest.read_text()):
            if not document or document.get("kind") != "CustomResourceDefinition":
                continue
            spec = document["spec"]
            for version in spec["versions"]:
                if not version.get("served", True):
                    continue
                schema = loosen(version["schema"]["openAPIV3Schema"])
                schema["$schema"] = "http://json-schema.org/draft-07/schema#"
                _write(out, spec["group"], spec["names"]["kind"], version["name"], schema)
                written += 1
    return written


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "kubernetes":
        count = kubernetes(Path(argv[1]), Path(argv[2]))
    elif len(argv) >= 3 and argv[0] == "crds":
        count = crds(Path(argv[1]), [Path(p) for p in argv[2:]])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[2] if argv[0] == "kubernetes" else argv[1]
    print(f"k8s_schemas: {count} schemas written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
