"""Signing in to the console through a real identity provider: Keycloak (``scripts/keycloak.sh``,
the distribution from Maven Central, cached; realm ``scripts/keycloak/llwybr-realm.json``) on
127.0.0.1, and ``python -m gateway`` configured with it, as an LA would configure its own.
The headless browser goes from the console to Keycloak's own login form, signs in as the
realm's person (authorization code with PKCE: Keycloak's client demands S256), and comes back
signed in for the organisation Keycloak's ``org`` claim names; the page view's access-audit
row and those of its ``/v1`` calls carry the person's Keycloak subject, never their name."""

import os
import subprocess
from collections.abc import Iterator

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from conftest import REPO

from .test_console_browser import Running, _free_port, browser, running_gateway

__all__ = ["browser"]  # the fixture, shared with the console's browser test

#: The first run fetches Keycloak (about 160 MB) and makes its database: minutes, not seconds.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]

SCRIPT = REPO / "scripts" / "keycloak.sh"
CLIENT_ID, CLIENT_SECRET = "llwybr-console", "llwybr-console-test-secret"
USERNAME, PASSWORD = "sian.hughes", "correct-horse-battery"


@pytest.fixture(scope="module")
def keycloak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Keycloak's realm issuer: the one ``make test`` started in the background (waited for,
    left running), else one of this test's own on a free port (installed once into the cache)."""
    shared = REPO / "var" / "keycloak" / "background"
    if shared.exists() and "LLWYBR_VAR_DIR" not in os.environ:
        env, own = dict(os.environ), False
    else:
        var_dir, port = tmp_path_factory.mktemp("keycloak-var"), _free_port()
        env = {**os.environ, "KEYCLOAK_PORT": str(port), "LLWYBR_VAR_DIR": str(var_dir)}
        own = True
    try:
        started = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True,
                                 text=True, timeout=1200, check=False)  # fmt: skip
        assert started.returncode == 0, started.stderr[-4000:]
        issuer = subprocess.run([str(SCRIPT), "env"], env=env, capture_output=True, text=True,
                                check=True).stdout.strip()  # fmt: skip
        yield issuer
    finally:
        if own:
            subprocess.run([str(SCRIPT), "stop"], env=env, timeout=120, check=False)


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory, keycloak: str) -> Iterator[Running]:
    """``python -m gateway`` with the console's sign-in through Keycloak."""
    var_dir = tmp_path_factory.mktemp("console-keycloak")
    oidc = {"GATEWAY_CONSOLE_OIDC_ISSUER": keycloak, "GATEWAY_CONSOLE_OIDC_CLIENT_ID": CLIENT_ID,
            "GATEWAY_CONSOLE_OIDC_CLIENT_SECRET": CLIENT_SECRET}  # fmt: skip
    with running_gateway(var_dir, **oidc) as url:
        yield Running(url, var_dir, "")


def _wait_for(driver: webdriver.Chrome, what: str, ready: object) -> None:
    WebDriverWait(driver, 60).until(ready, what)  # type: ignore[arg-type]


def test_a_person_signs_in_through_keycloaks_login_form(
    gateway: Running, keycloak: str, browser: webdriver.Chrome
) -> None:
    browser.delete_all_cookies()
    browser.get(f"{gateway.url}/console/sign-in")
    browser.find_element(By.ID, "sign-in-oidc").click()
    # Keycloak's own login page, on its own origin
    _wait_for(browser, "Keycloak's login form", lambda d: d.find_elements(By.ID, "username"))
    assert browser.current_url.startswith(f"{keycloak}/protocol/openid-connect/auth")
    assert "code_challenge_method=S256" in browser.current_url
    browser.find_element(By.ID, "username").send_keys(USERNAME)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "kc-login").click()
    _wait_for(browser, "back at the caseload",
              lambda d: d.current_url == f"{gateway.url}/console/caseload")  # fmt: skip
    page = browser.page_source
    assert "Siân Hughes" in page  # the name from Keycloak's ID token, in the session only
    assert "la:665" in page

    # The access audit names the person by Keycloak's subject, on the page view and on the
    # /v1 calls the page made, and never by name.
    auditor = {"Authorization": f"Bearer {gateway.token('wales-auditor')}"}
    answer = httpx.get(f"{gateway.url}/v1/access-audit", params={"limit": 1000},
                       headers=auditor, timeout=30)  # fmt: skip
    assert answer.status_code == 200, answer.text
    rows = answer.json()["items"]
    views = [r for r in rows if r["path"] == "/console/caseload"]
    assert views, rows
    subject = views[-1]["person"]
    assert subject
    assert subject != USERNAME
    assert any(r["path"].startswith("/v1/") and r["person"] == subject for r in rows)
    assert "Siân" not in answer.text
