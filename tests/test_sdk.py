"""The generated Python client (sdk/python) against a real ``python -m gateway``: the README's
"The Python client" script as written, then the typed answers a caller relies on."""

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from llwybr_client import AuthenticatedClient, Client
from llwybr_client.api.authentication import create_access_token
from llwybr_client.api.determinations import get_determination, list_determinations
from llwybr_client.models import (
    CasePage,
    CreateAccessTokenBody,
    CreateAccessTokenBodyGrantType,
    DeterminationOut,
    OAuthErrorResponse,
    Problem,
    TokenResponse,
)
from tests.embedded import embedded_gateway

pytestmark = pytest.mark.slow


def script() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## The Python client")
    end = readme.index("\n## ", start + 1)
    [block] = re.findall(r"```python\n(.*?)```", readme[start:end], flags=re.DOTALL)
    return str(block)


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    cwd = tmp_path_factory.mktemp("sdk")
    with embedded_gateway(cwd) as api:
        yield api, cwd


def test_the_readme_script_raises_a_concern_and_reads_it_back(place: tuple[str, Path]) -> None:
    api, cwd = place
    (cwd / "sdk-demo.py").write_text(script(), encoding="utf-8")
    env = {**os.environ, "API": api}
    deadline = time.monotonic() + 30
    while True:  # the delta feed has the case once its read model does (within a second)
        done = subprocess.run(
            [sys.executable, "sdk-demo.py"], cwd=cwd, env=env, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        if not done.stdout.rstrip().endswith("0 changed; next cursor 0"):
            break
        assert time.monotonic() < deadline, done.stdout
        time.sleep(0.5)
    assert re.search(r"^case [0-9a-f-]{36} \w+ learner \S+$", done.stdout, re.MULTILINE)
    assert re.search(r"^[1-9]\d* changed; next cursor [1-9]\d*$", done.stdout, re.MULTILINE)


def _client(api: str, cwd: Path, client_id: str) -> AuthenticatedClient:
    credentials = json.loads((cwd / "var/gateway/dev-credentials.json").read_text())
    secret = next(c["client_secret"] for c in credentials if c["client_id"] == client_id)
    body = CreateAccessTokenBody(
        grant_type=CreateAccessTokenBodyGrantType.CLIENT_CREDENTIALS,
        client_id=client_id,
        client_secret=secret,
    )
    with Client(base_url=api) as anonymous:
        token = create_access_token.sync(client=anonymous, body=body)
    assert isinstance(token, TokenResponse), token
    return AuthenticatedClient(base_url=api, token=token.access_token)


def test_answers_are_typed_and_refusals_are_problems(place: tuple[str, Path]) -> None:
    api, cwd = place
    with _client(api, cwd, "ysgol-example") as school:
        page = list_determinations.sync(client=school)
        assert isinstance(page, CasePage), page
        assert page.items, "the README script raised a case"
        # A list's items are typed rows (CaseRow, #20).
        ids = [uuid.UUID(item.determination_id) for item in page.items]
        for case_id in ids:
            assert isinstance(get_determination.sync(case_id, client=school), DeterminationOut)
        missing = get_determination.sync_detailed(uuid.uuid4(), client=school)
        assert missing.status_code == 404
        assert isinstance(missing.parsed, Problem)
        assert missing.parsed.status == 404
    with _client(api, cwd, "powys-la") as other_la:  # not its learner: the one 404
        for case_id in ids:
            refused = get_determination.sync(case_id, client=other_la)
            assert isinstance(refused, Problem), refused
            assert refused.status == 404
    wrong = CreateAccessTokenBody(
        grant_type=CreateAccessTokenBodyGrantType.CLIENT_CREDENTIALS,
        client_id="ysgol-example",
        client_secret="not-the-secret",
    )
    with Client(base_url=api) as anonymous:
        bad = create_access_token.sync(client=anonymous, body=wrong)
    assert isinstance(bad, OAuthErrorResponse), bad
