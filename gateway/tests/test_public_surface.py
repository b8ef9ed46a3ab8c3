"""What an integrator meets first (issue 20): offline docs, unknown query parameters refused,
the OAuth server's metadata, ``--help`` and a busy port."""

import json
import re
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from joserfc import jwt
from joserfc.jwk import KeySet
from typer.testing import CliRunner

from gateway.admin import app as admin
from gateway.main import create_app
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings
from llwybr_testkit import eventually

#: The async tests share one embedded system (starting one takes seconds).
shared = pytest.mark.asyncio(loop_scope="module")

ORIGIN = "https://llwybr.test"
CREDENTIALS = "gateway/dev-credentials.json"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    var_dir = tmp_path_factory.mktemp("var")
    runtime = RuntimeSettings(mode="embedded", var_dir=var_dir)
    app = create_app(Settings(runtime=runtime, public_url=ORIGIN))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as http:
            http.headers["x-var-dir"] = str(var_dir)  # for the tests that need a token
            yield http


async def _token(client: httpx.AsyncClient, organisation: str) -> str:
    credentials = json.loads((Path(client.headers["x-var-dir"]) / CREDENTIALS).read_text())
    c = next(c for c in credentials if c["organisation"] == organisation)
    response = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(c["client_id"], c["client_secret"]),
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def _references(html: str) -> list[str]:
    return re.findall(r"""(?:src|href|url)\s*[=:(]\s*['"]([^'"]+)['"]""", html)


@shared
@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_the_docs_reference_only_the_gateways_own_origin(
    client: httpx.AsyncClient, page: str
) -> None:
    response = await client.get(page)
    assert response.status_code == 200
    references = _references(response.text)
    assert references, "the page loads its assets from somewhere"
    for reference in references:
        assert reference.startswith("/"), reference  # same origin, no CDN
        # Under the paths the Kubernetes ingress routes (deploy/k8s/base/app/ingress.yaml).
        assert reference == "/openapi.json" or reference.startswith("/docs/"), reference
        assert (await client.get(reference)).status_code == 200, reference


@shared
async def test_an_unknown_query_parameter_is_refused_naming_what_is_allowed(
    client: httpx.AsyncClient,
) -> None:
    token = await _token(client, "school:6652001")
    response = await client.get(
        "/v1/determinations",
        params={"learner_id": "X"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/unknown-query-parameter")
    assert problem["unknown"] == ["learner_id"]
    assert "learner_id" not in problem["allowed"]
    assert problem["allowed"] == sorted(problem["allowed"])


@shared
async def test_a_declared_query_parameter_is_still_taken(client: httpx.AsyncClient) -> None:
    token = await _token(client, "school:6652001")
    response = await client.get(
        "/v1/determinations", params={"limit": 5}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text


@shared
async def test_the_gateways_own_routes_refuse_unknown_query_parameters(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/healthz", params={"verbose": "1"})
    assert response.status_code == 400
    assert response.json()["unknown"] == ["verbose"]


@shared
async def test_the_authorization_server_metadata_names_the_public_url(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/.well-known/oauth-authorization-server")
    assert response.status_code == 200
    metadata = response.json()
    assert metadata["issuer"] == ORIGIN
    assert metadata["token_endpoint"] == f"{ORIGIN}/oauth/token"
    assert metadata["jwks_uri"] == f"{ORIGIN}/.well-known/jwks.json"
    assert metadata["grant_types_supported"] == ["client_credentials"]
    assert "determinations:read" in metadata["scopes_supported"]
    assert (await client.get("/.well-known/jwks.json")).json()["keys"]


@shared
async def test_tokens_are_issued_by_the_public_url(client: httpx.AsyncClient) -> None:
    token = await _token(client, "la:665")
    keys = KeySet.import_key_set((await client.get("/.well-known/jwks.json")).json())
    claims = jwt.decode(token, keys).claims
    assert claims["iss"] == ORIGIN


@shared
async def test_a_client_added_by_the_admin_command_gets_a_token_without_a_restart(
    client: httpx.AsyncClient,
) -> None:
    clients_file = Path(client.headers["x-var-dir"]) / "gateway" / "clients.json"
    add = ["add", "caerdydd-mis", "--organisation", "la:681", "--json", "--file", str(clients_file)]
    result = CliRunner().invoke(admin, ["clients", *add])
    assert result.exit_code == 0, result.output
    secret = json.loads(result.output)["client_secret"]

    async def token_issued() -> bool:
        response = await client.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=("caerdydd-mis", secret),
        )
        return response.status_code == 200

    await eventually(token_issued, timeout=5)  # the gateway looks at the file every second


def test_the_issuer_defaults_to_the_host_and_the_port_it_listens_on() -> None:
    assert Settings(port=8123).own_issuer() == "http://127.0.0.1:8123"
    assert Settings(public_url="https://api.example/").own_issuer() == "https://api.example"
    assert Settings(issuer="https://iss.example", port=8123).own_issuer() == "https://iss.example"


def _gateway(*arguments: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_help_lists_the_options_and_variables_without_starting_a_server() -> None:
    result = _gateway("--help", timeout=120)  # a loaded machine: the imports take a while
    assert result.returncode == 0
    for text in ("--host", "--port", "GATEWAY_PUBLIC_URL", "GATEWAY_CLIENTS_FILE", "LLWYBR_MODE",
                 "LLWYBR_SAMPLE_DATA"):  # fmt: skip
        assert text in result.stdout
    assert result.stderr == ""  # no log line: nothing was started


def test_a_busy_port_is_one_line_at_once(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _gateway("--port", str(port), timeout=120)
    assert result.returncode == 1
    assert result.stderr == f"gateway: cannot listen on 127.0.0.1:{port}: the port is in use\n"
