"""A request and a response example for every JSON body in the public OpenAPI document
(issue 20).

A body whose model gives an example keeps it; any other is built from its schema: each field's
own example (``Field(examples=...)``), else its default, else the first of its choices, else a
value of its type and format (a few patterns the API uses everywhere have a known value). Only
the required fields, those with examples and those known by name are filled, so the example
stays short.
An answer's example fills every field of its model (a reader wants to see the whole shape),
and every problem answer (RFC 9457) gets one of its status, with the path as ``instance``.
``test_openapi`` checks every example against the body's model, so one that is wrong fails
there and the model is given an example by hand.
"""

import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from llwybr.problems import TYPE_BASE

#: Values for the patterns the API uses that no field example covers.
_PATTERNS = {
    r"^\d{3}$": "665",
    r"^(\d{3}|ENG)$": "665",
    r"^(decision|nhs:[A-Za-z0-9_.-]{1,64})$": "decision",
    r"^D\d{1,2}$": "D1",
    r"^(school|fei):[0-9A-Za-z]{1,20}$": "school:6652001",
    r"^[A-Za-z0-9_.-]{1,64}$": "ref-1",
    r"^[A-Za-z0-9_.:-]{1,64}$": "ref-1",
    r"^[A-Za-z0-9_.:-]{1,32}$": "e1",
    r"^[A-Za-z0-9_.:-]+$": "ref-1",
}
#: Values for fields known by their name (their schema says only "string").
_NAMES: dict[str, Any] = {
    "email": "aln@wrexham.example",
    "upn": "M665200125001",  # a valid check letter
    "local_authority": "la:665",
    "responsible_local_authority": "la:665",
    "organisation": "school:6652001",
    "school": "school:6652001",
    "given_name": "Cerys",
    "family_name": "Hughes",
    "learner_id": "7d1e4b2a-5c3f-4e8d-9a6b-0f1e2d3c4b5a",
    "raised_by": "school:6652001",
    "responsible_authority": "la:665",
    "looking_after_authority": "la:665",
    "reconsidering_authority": "la:665",
    "enrolled_at": "school:6652001",
    "url": "https://mis.example.org/llwybr/hooks",
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "created_by": "mis-ysgol-rhiwabon",
    "description": "Ysgol Rhiwabon's MIS: nightly sync",
    "access_token": "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJtaXMifQ.c2ln",
    "scope": "determinations:read determinations:write",
    "title": "Ysgol Rhiwabon",
    "name": "Ysgol Rhiwabon",
}
#: Fields a request example shows even when they are optional.
_ALWAYS = {"email"}
#: Dates in the 2026/27 school year (Wrexham's autumn term).
_FORMATS = {
    "date": "2026-10-05",
    "date-time": "2026-10-05T09:00:00Z",
    "uuid": "3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f",
    "email": "aln@wrexham.example",
    "uri": "https://mis.example.org/llwybr/hooks",
}


def add_request_examples(document: dict[str, Any]) -> None:
    """Give every JSON request body without one an example built from its schema."""
    schemas = document.get("components", {}).get("schemas", {})
    for item in document["paths"].values():
        for operation in item.values():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None or "example" in body or "examples" in body:
                continue
            body["example"] = example_of(body.get("schema", {}), schemas)


#: A service's problem types by status, as its document publishes them
#: (``llwybr.problem_types``): {status: {kind: what it means}}.
ProblemTypes = Mapping[str, Mapping[str, str]]


def add_response_examples(
    document: dict[str, Any], problem_types: Mapping[str, ProblemTypes] | None = None
) -> None:
    """Give every JSON success answer without one an example built from its schema (every
    field filled), and every problem answer an example of each problem type it can have
    (``problem_types``: by ``"method path"`` those an operation declared, else by path those
    of the service that serves it)."""
    schemas = document.get("components", {}).get("schemas", {})
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                answer = content.get("application/json")
                if status.startswith("2") and answer is not None and "example" not in answer:
                    answer["example"] = example_of(answer.get("schema", {}), schemas, full=True)
                if "application/problem+json" in content:
                    types = problem_types or {}
                    own = types.get(f"{method} {path}") or types.get(path, {})
                    kinds = _kinds(status, method, own)
                    # Copies: the gateway shares one response object between operations.
                    problem = {**content["application/problem+json"]}
                    problem["examples"] = {
                        kind: {
                            "summary": meaning,
                            "value": problem_example(int(status), path, kind, meaning),
                        }
                        for kind, meaning in kinds.items()
                    }
                    content = {**content, "application/problem+json": problem}
                    operation["responses"][status] = {**response, "content": content}


#: The problem types the gateway itself answers on a forwarded route, by status (besides the
#: typical one of each status in ``_PROBLEMS``).
_GATEWAY_KINDS = {
    "409": {"secret-not-replayed": "The answer held a secret shown once: it is not replayed."},
    "503": {"busy": "Too many requests are waiting; try again after Retry-After seconds."},
}


def _kinds(status: str, method: str, service: ProblemTypes) -> dict[str, str]:
    """The problem types an answer of ``status`` can have, each with what it means: the
    typical one, the gateway's own, then the service's."""
    kind, _, detail = _PROBLEMS.get(int(status), ("internal", "Error", "see the title"))
    kinds = {kind: detail[:1].upper() + detail[1:]}
    if status != "409" or method == "post":  # an Idempotency-Key is only taken by a POST
        kinds.update(_GATEWAY_KINDS.get(status, {}))
    for other, meaning in service.get(status, {}).items():
        kinds.setdefault(other, meaning)
    return kinds


_NOTHING_CHANGED = "The request is not valid; nothing was changed."
#: status -> (type, title, detail) of a typical problem answer of that status.
_PROBLEMS = {
    400: ("idempotency", "Bad Request", "Idempotency-Key is longer than 255 characters"),
    401: ("unauthenticated", "Unauthorized", "the access token has expired"),
    403: ("insufficient-scope", "Forbidden", "this needs the determinations:write scope"),
    404: ("not-found", "Not Found", "no such record, or not one the caller may see"),
    409: ("invalid-transition", "Conflict", "the case's state does not allow it"),
    412: ("stale-version", "Precondition Failed", 'If-Match "2" is not the current "3"'),
    413: ("body-limit", "Content Too Large", "the body is larger than 1 MiB"),
    422: ("validation", "Request validation failed", _NOTHING_CHANGED),
    429: ("rate-limited", "Too Many Requests", "try again after Retry-After seconds"),
    500: ("internal", "Internal Server Error", "An unexpected error occurred."),
    503: ("service-unavailable", "Service Unavailable", "try again after Retry-After seconds"),
}  # fmt: skip
#: Values for a path's parameters in a problem's ``instance``.
_PATH_VALUES = {"upn": "M665200125001", "local_authority": "la:665", "number": "1",
                "organisation": "school:6652001", "service": "determination"}  # fmt: skip


def problem_example(
    status: int, path: str, kind: str | None = None, meaning: str = ""
) -> dict[str, Any]:
    """A problem answer (RFC 9457) of ``status`` to a request for ``path``: of type ``kind``
    (which ``meaning`` explains), by default the typical one of the status."""
    typical, title, detail = _PROBLEMS.get(status, ("internal", "Error", "see the title"))
    if kind is not None and kind != typical:
        title, detail = HTTPStatus(status).phrase, meaning or kind
    kind = kind or typical
    instance = re.sub(r"\{([a-z_0-9]+)\}", lambda m: _PATH_VALUES.get(m[1], _FORMATS["uuid"]), path)
    body: dict[str, Any] = {
        "type": f"{TYPE_BASE}{kind}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if kind == "validation":
        body["errors"] = [
            {"location": ["body", "upn"], "message": "not a valid UPN", "type": "value_error"}
        ]
    return body


def example_of(
    schema: dict[str, Any], schemas: dict[str, Any], depth: int = 0, *, full: bool = False
) -> Any:
    """An example value of ``schema`` (``$ref`` resolved in ``schemas``)."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rpartition("/")[2]]
    if schema.get("examples"):
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for combined in ("anyOf", "oneOf", "allOf"):
        choices = [c for c in schema.get(combined, []) if c.get("type") != "null"]
        if choices:
            return example_of(choices[0], schemas, depth + 1, full=full)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return _object(schema, schemas, depth, full=full)
    if kind == "array":
        item = example_of(schema.get("items", {}), schemas, depth + 1, full=full)
        return [item] * max(1, schema.get("minItems", 1))
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return float(max(1, schema.get("minimum", 1)))
    if kind == "boolean":
        return True
    return _string(schema)


def _object(
    schema: dict[str, Any], schemas: dict[str, Any], depth: int, *, full: bool
) -> dict[str, Any]:
    required = set(schema.get("required", []))
    properties = schema.get("properties", {})
    return {
        name: _named(name, field, schemas, depth, full)
        for name, field in properties.items()
        if full
        or name in required
        or name in _ALWAYS
        or (depth == 0 and _has_example(field, schemas))
    }


def _named(
    name: str, field: dict[str, Any], schemas: dict[str, Any], depth: int, full: bool
) -> Any:
    """A field's example: by its name if the schema says only "string", else by its schema."""
    if name in _NAMES and _is_string(field, schemas):
        return _NAMES[name]
    if name in _NAMES and field.get("type") == "array" and _is_string(field["items"], schemas):
        return [_NAMES[name]]
    return example_of(field, schemas, depth + 1, full=full)


def _is_string(field: dict[str, Any], schemas: dict[str, Any]) -> bool:
    if "$ref" in field:
        field = schemas[field["$ref"].rpartition("/")[2]]
    kinds = {c.get("type") for c in field.get("anyOf", [])} - {"null"} or {field.get("type")}
    return kinds == {"string"} and "enum" not in field and "pattern" not in field


def _has_example(field: dict[str, Any], schemas: dict[str, Any]) -> bool:
    if "$ref" in field:
        field = schemas[field["$ref"].rpartition("/")[2]]
    return bool(field.get("examples"))


def _string(schema: dict[str, Any]) -> str:
    if schema.get("pattern") in _PATTERNS:
        return _PATTERNS[schema["pattern"]]
    if schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]]
    text = "Text as the Code requires it."
    low, high = schema.get("minLength", 1), schema.get("maxLength", len(text))
    return text[:high] if len(text) >= low else text.ljust(low, ".")
