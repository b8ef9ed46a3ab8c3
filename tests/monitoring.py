"""The monitoring as code in deploy/k8s/base/monitoring (alert rules, the Grafana dashboard),
and the metric names the code exports, to check one against the other."""

import importlib
import json
import re
from collections.abc import Iterator
from typing import Any

import yaml

from gateway.registry import NAMES as SERVICES
from llwybr.figures import DomainFigures, Figure
from llwybr.metrics import Metrics
from tests.k8s import K8S

MONITORING = K8S / "base" / "monitoring"
RULES = MONITORING / "llwybr.rules.yaml"
DASHBOARD = MONITORING / "llwybr-dashboard.json"

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGES = re.compile(r"\[[^\]]*\]")
_GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_IDENTIFIER = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
             "unless", "offset", "inf", "nan"}  # fmt: skip
_SUFFIXES = {"counter": ("_total", "_created"), "histogram": ("_bucket", "_sum", "_count"),
             "summary": ("_sum", "_count")}  # fmt: skip


def exported_metrics() -> set[str]:
    """Every series name a deployable's ``/metrics`` can show: the shared runtime's metrics and
    the domain figures of every service (as Prometheus names them: ``_total``, ``_bucket``)."""
    figures: list[Figure] = []
    for service in SERVICES:
        figures += importlib.import_module(f"{service}.main").SPEC.figures
    families = [*Metrics("any").registry.collect(), *DomainFigures("any", figures).describe()]
    names = set()
    for family in families:
        suffixes = _SUFFIXES.get(family.type)
        names |= {family.name + s for s in suffixes} if suffixes else {family.name}
    return names


def metrics_in(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (not its functions, labels or keywords)."""
    for pattern in (_STRINGS, _MATCHERS, _RANGES, _GROUPING):
        expr = pattern.sub(" ", expr)
    names = set()
    for match in _IDENTIFIER.finditer(expr):
        before = expr[match.start() - 1] if match.start() else " "
        if before.isdigit() or before == ".":  # 1e3, 0.5
            continue
        if expr[match.end() :].lstrip().startswith("(") or match.group().lower() in _KEYWORDS:
            continue  # a function or an aggregation, or a keyword
        names.add(match.group())
    return names


def rules() -> list[dict[str, Any]]:
    document = yaml.safe_load(RULES.read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def dashboard() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DASHBOARD.read_text())
    return loaded


def expressions() -> Iterator[tuple[str, str]]:
    """(where, PromQL) of every alert rule and dashboard query."""
    for rule in rules():
        yield f"rule {rule['alert']}", rule["expr"]
    for panel in dashboard()["panels"]:
        for target in panel.get("targets", []):
            yield f"panel {panel['title']!r}", target["expr"]


def unknown_metrics(pairs: Iterator[tuple[str, str]], known: set[str]) -> dict[str, set[str]]:
    """Where an expression reads a metric the code does not export, and which."""
    found = {where: metrics_in(expr) - known for where, expr in pairs}
    return {where: names for where, names in found.items() if names}
