#!/usr/bin/env bash
# k8s-tools.sh - what validating deploy/k8s needs, from the package registries only:
# kustomize and kubeconform (built from the Go module proxy), and the JSON Schemas of the
# Kubernetes API (its OpenAPI document in the k8s.io/kubernetes module), of CloudNativePG (the
# CRDs in its Go module) and of Strimzi (its CRD generator run on its API classes, from Maven
# Central), converted by scripts/k8s_schemas.py. Everything lands in one cache directory.
#
#   k8s-tools.sh ensure              install what is missing (idempotent; fast when cached)
#   k8s-tools.sh env                 print KUSTOMIZE=, KUBECONFORM=, K8S_SCHEMA_LOCATION=
#   k8s-tools.sh validate OVERLAY..  kustomize build each overlay | kubeconform -strict
#
# Environment (all optional):
#   XDG_CACHE_HOME   cache: $XDG_CACHE_HOME/llwybr/k8s-tools/<key> (default ~/.cache)
#   GO               the go command (default: go on PATH, else /usr/local/go/bin/go); Go 1.26+
#   JAVA_HOME        Java 17+ for Strimzi's CRD generator (default: java on PATH)
#   K8S_TOOLS_PYTHON the Python that runs the converter (default: the repo's .venv)
set -euo pipefail

SCRIPT_DIR="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(dirname -- "$SCRIPT_DIR")"

KUSTOMIZE_VERSION=v5.8.2
KUBECONFORM_VERSION=v0.8.0
KUBERNETES_VERSION=v1.34.4          # the API the manifests are checked against
CNPG_VERSION=v1.27.0                # CloudNativePG (its module lists no versions: ask for one)
STRIMZI_POM="$SCRIPT_DIR/k8s/strimzi-crds.pom.xml"
CONVERTER="$SCRIPT_DIR/k8s_schemas.py"
# Strimzi kinds the manifests use (class name = CRD file name).
STRIMZI_KINDS=(kafka.Kafka nodepool.KafkaNodePool topic.KafkaTopic user.KafkaUser)

log() { printf 'k8s-tools.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ -n "${GO:-}" ]]; then :; elif command -v go >/dev/null 2>&1; then GO=go
elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go; else GO=go; fi
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
PYTHON="${K8S_TOOLS_PYTHON:-$REPO_ROOT/.venv/bin/python}"

cache_key() {
  { echo "$KUSTOMIZE_VERSION $KUBECONFORM_VERSION $KUBERNETES_VERSION $CNPG_VERSION"
    echo "${STRIMZI_KINDS[*]}"; cat "$STRIMZI_POM" "$CONVERTER"; } | sha256sum | cut -c1-16
}
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/llwybr/k8s-tools/$(cache_key)"
BIN_DIR="$CACHE_DIR/bin"
SCHEMA_DIR="$CACHE_DIR/schemas"
KUSTOMIZE="$BIN_DIR/kustomize"
KUBECONFORM="$BIN_DIR/kubeconform"
SCHEMA_LOCATION="$SCHEMA_DIR/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}{{.StrictSuffix}}.json"

require_go() {
  command -v "$GO" >/dev/null 2>&1 || die "go not found (set GO): Go 1.26+ builds kustomize and kubeconform"
}

# The directory of a Go module version, downloaded through the module proxy.
module_dir() {
  local json
  json="$(GOFLAGS=-mod=mod "$GO" mod download -json "$1" 2>&1)" || die "go mod download $1 failed: $json"
  printf '%s\n' "$json" | sed -nE 's/^[[:space:]]*"Dir": "(.*)",?$/\1/p'
}

ensure_binaries() {
  [[ -x "$KUSTOMIZE" && -x "$KUBECONFORM" ]] && return 0
  require_go
  mkdir -p "$BIN_DIR"
  log "building kustomize $KUSTOMIZE_VERSION and kubeconform $KUBECONFORM_VERSION into $BIN_DIR ..."
  GOBIN="$BIN_DIR" "$GO" install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2 \
    || die "go install kustomize failed"
  GOBIN="$BIN_DIR" "$GO" install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" >&2 \
    || die "go install kubeconform failed"
}

kubernetes_schemas() {
  local dir
  dir="$(module_dir "k8s.io/kubernetes@$KUBERNETES_VERSION")"
  [[ -f "$dir/api/openapi-spec/swagger.json" ]] || die "no api/openapi-spec/swagger.json in $dir"
  "$PYTHON" "$CONVERTER" kubernetes "$dir/api/openapi-spec/swagger.json" "$1" >&2
}

cnpg_schemas() {
  local dir
  dir="$(module_dir "github.com/cloudnative-pg/cloudnative-pg@$CNPG_VERSION")"
  compgen -G "$dir/config/crd/bases/*.yaml" >/dev/null || die "no CRDs in $dir/config/crd/bases"
  "$PYTHON" "$CONVERTER" crds "$1" "$dir"/config/crd/bases/*.yaml >&2
}

strimzi_schemas() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven fetches Strimzi's CRD generator"
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (set JAVA_HOME): Java 17+ runs it"
  local work="$1.strimzi" args=() kind
  rm -rf "$work" && mkdir -p "$work/crds"
  cp "$STRIMZI_POM" "$work/pom.xml"   # run Maven on a copy: nothing is written into the repo
  local mvn_cmd=(mvn -B -q -Dstyle.color=never -f "$work/pom.xml"
    dependency:copy-dependencies "-DoutputDirectory=$work/lib")
  if ! "${mvn_cmd[@]}" >"$work/maven.log" 2>&1; then
    log "Maven failed; retrying once with -U"   # a failed download is not retried without it
    "${mvn_cmd[@]}" -U >"$work/maven.log" 2>&1 \
      || { cat "$work/maven.log" >&2; die "Maven could not resolve $STRIMZI_POM"; }
  fi
  for kind in "${STRIMZI_KINDS[@]}"; do
    args+=("io.strimzi.api.kafka.model.$kind=$work/crds/${kind#*.}.yaml")
  done
  "$JAVA" -cp "$work/lib/*" io.strimzi.crdgenerator.CrdGenerator --target-kube 1.16+ \
    --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml "${args[@]}" \
    >"$work/generator.log" 2>&1 || { cat "$work/generator.log" >&2; die "Strimzi's CRD generator failed"; }
  "$PYTHON" "$CONVERTER" crds "$1" "$work"/crds/*.yaml >&2
  rm -rf "$work"
}

ensure_schemas() {
  [[ -f "$SCHEMA_DIR/.complete" ]] && return 0
  [[ -x "$PYTHON" ]] || die "$PYTHON not found: run 'make install' first (or set K8S_TOOLS_PYTHON)"
  require_go
  local tmp="$SCHEMA_DIR.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  log "building the JSON Schemas into $SCHEMA_DIR ..."
  kubernetes_schemas "$tmp"
  cnpg_schemas "$tmp"
  strimzi_schemas "$tmp"
  date -u +%FT%TZ >"$tmp/.complete"
  rm -rf "$SCHEMA_DIR" && mv "$tmp" "$SCHEMA_DIR"
}

cmd_ensure() {
  ensure_binaries
  ensure_schemas
}

cmd_env() {
  printf 'KUSTOMIZE=%s\nKUBECONFORM=%s\nK8S_SCHEMA_LOCATION=%s\n' \
    "$KUSTOMIZE" "$KUBECONFORM" "$SCHEMA_LOCATION"
}

cmd_validate() {
  [[ $# -gt 0 ]] || die "usage: k8s-tools.sh validate OVERLAY_DIR..."
  cmd_ensure
  local overlay
  for overlay in "$@"; do
    log "validating $overlay"
    "$KUSTOMIZE" build "$overlay" \
      | "$KUBECONFORM" -strict -summary -schema-location "$SCHEMA_LOCATION" -
  done
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  env) cmd_env ;;
  validate) shift; cmd_validate "$@" ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
