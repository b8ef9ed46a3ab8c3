"""One OpenAPI document for the whole public surface: the gateway's own routes plus each
service's ``/v1`` routes (taken from the in-process apps, or fetched at start-up in stack mode).
"""

import json
import logging
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from gateway.authz import ROUTE_SCOPES, SCOPES
from gateway.examples import add_request_examples, add_response_examples
from gateway.operations import describe_operations
from gateway.registry import NAMES
from gateway.services import ServiceClients
from llwybr.problem_types import PROBLEM_TYPES, declare_operations

log = logging.getLogger(__name__)


async def fetch_service_documents(clients: ServiceClients) -> dict[str, dict[str, Any]]:
    documents = {}
    for service in NAMES:
        try:
            response = await clients[service].get("/openapi.json", timeout=5.0)
            documents[service] = response.json()
        except (httpx.HTTPError, ValueError) as error:
            log.warning("no OpenAPI document from %s: %s", service, error)
    return documents


#: The scopes as the OAuth flow lists them: name -> what it allows.
_SCOPES = {name: scope.description for name, scope in SCOPES.items()}

_PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
GATEWAY_RESPONSES = {
    "401": {"description": "No valid access token", "content": _PROBLEM},
    "403": {"description": "The token lacks the scope, or the organisation may not do this",
            "content": _PROBLEM},
    "429": {"description": "Rate limit reached; see Retry-After", "content": _PROBLEM},
    "503": {"description": "The service is unavailable; see Retry-After", "content": _PROBLEM},
}  # fmt: skip
#: What the gateway's Idempotency-Key handling can answer to a POST (see the API description).
IDEMPOTENCY_409 = (
    "with Idempotency-Key, the first request with that key still runs, or its answer held a "
    "secret shown once (`secret-not-replayed`)"
)


def _problem_content(response: dict[str, Any]) -> None:
    """Services declare problems with FastAPI's ``model=``, which puts the schema under
    application/json; problems are served as application/problem+json, so move it there."""
    content = response.get("content", {})
    if "application/problem+json" in content:
        content["application/problem+json"] = _PROBLEM["application/problem+json"]
        content.pop("application/json", None)


def merge(base: dict[str, Any], services: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Add every service's public (``/v1``) paths and their schemas to ``base``, with the
    security each needs and the responses the gateway itself can give."""
    # The gateway's own routes declare the problems they answer themselves (issue 20).
    declare_operations(base, {})
    components = base.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for document in services.values():
        for path, item in document.get("paths", {}).items():
            if path.startswith("/v1/"):
                base["paths"][path] = item
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            schemas.setdefault(name, schema)
    components["securitySchemes"] = {
        "oauth2": {
            "type": "oauth2",
            "description": "Client credentials; the token is an ES256 JWT (RFC 9068).",
            "flows": {"clientCredentials": {"tokenUrl": "/oauth/token", "scopes": _SCOPES}},
        }
    }
    for path, item in base["paths"].items():
        for method, operation in item.items():
            for response in operation.get("responses", {}).values():
                _problem_content(response)
            scope = ROUTE_SCOPES.get((method.upper(), path))
            if scope is None:
                continue
            operation["security"] = [{"oauth2": [scope]}]
            responses = operation.setdefault("responses", {})
            for status, response in GATEWAY_RESPONSES.items():
                responses.setdefault(status, response)
            if method == "post":
                _add_idempotency_conflict(responses)
    describe_operations(base)
    add_request_examples(base)
    add_response_examples(base, _problem_types({"gateway": base, **services}))
    return base


def _problem_types(
    services: Mapping[str, Mapping[str, Any]],
) -> dict[str, Mapping[str, Mapping[str, str]]]:
    """Each public path's problem types, as the service serving it publishes them; an
    operation that declared what it raises has its own, under ``"METHOD path"``
    (``llwybr.problem_types.raises``; the gateway's own routes as ``"gateway"``)."""
    return {
        **{
            path: document.get(PROBLEM_TYPES, {})
            for document in services.values()
            for path in document.get("paths", {})
            if path.startswith("/v1/")
        },
        **{
            f"{method} {path}": operation[PROBLEM_TYPES]
            for document in services.values()
            for path, item in document.get("paths", {}).items()
            for method, operation in item.items()
            if path.startswith("/v1/") and PROBLEM_TYPES in operation
        },
    }


def _add_idempotency_conflict(responses: dict[str, Any]) -> None:
    own = responses.get("409")
    if own is None:
        responses["409"] = {
            "description": IDEMPOTENCY_409[0].upper() + IDEMPOTENCY_409[1:],
            "content": _PROBLEM,
        }
    elif IDEMPOTENCY_409 not in own.get("description", ""):
        # A copy: services share one response object between their routes.
        responses["409"] = {**own, "description": f"{own['description']}; or {IDEMPOTENCY_409}"}


def install_merged_openapi(app: FastAPI, apps: Mapping[str, FastAPI] | None) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            base = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                license_info=app.license_info,
            )
            if apps is not None:
                services = {name: a.openapi() for name, a in apps.items()}
            else:
                services = getattr(app.state, "service_documents", {})
            app.openapi_schema = merge(base, services)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


SNAPSHOT = Path(__file__).resolve().parents[2] / "openapi.json"


def public_document() -> dict[str, Any]:
    """The whole public API's document, as embedded mode serves it (for the snapshot)."""
    from gateway.main import create_app
    from gateway.settings import Settings
    from llwybr.settings import RuntimeSettings

    with tempfile.TemporaryDirectory() as var_dir:
        runtime = RuntimeSettings(mode="embedded", var_dir=Path(var_dir))
        return create_app(Settings(runtime=runtime)).openapi()


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SNAPSHOT.write_text(render(public_document()), encoding="utf-8")
    print(SNAPSHOT)
