"""The case console in a real headless browser (Debian's Chromium, driven by Selenium through
Debian's chromedriver: nothing downloaded), against ``python -m gateway`` as ``make run`` starts
it: sign in, find a learner by UPN, open the timeline, move the slider, download the bundle and
verify it; another school's learner is the one 404, in the access audit. axe-core (vendored,
``vendor/axe-core``) checks every page in both languages for serious violations of WCAG 2.2 A/AA.

Screenshots of each page go to ``$LLWYBR_CONSOLE_SCREENSHOTS`` (``docs/console`` to refresh
the committed ones), else to the test's temporary directory.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from gateway.cli.manifest import check_bundle

pytestmark = pytest.mark.slow

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
UPN = "Q665000000026"
CONCERN = {
    "learner": {"given_name": "Gwen", "family_name": "Pritchard", "upn": UPN,
                "date_of_birth": "2016-09-14", "setting": "maintained_school",
                "setting_id": "6652001", "local_authority": "665"},
    "raised_by": "school:6652001", "raised_with": "school:6652001",
    "came_to_attention_on": "2026-09-07",
}  # fmt: skip


@dataclass
class Running:
    url: str
    var_dir: Path
    learner_id: str

    def token(self, client_id: str) -> str:
        credentials = json.loads((self.var_dir / "gateway" / "dev-credentials.json").read_text())
        secret = next(c["client_secret"] for c in credentials if c["client_id"] == client_id)
        answer = httpx.post(f"{self.url}/oauth/token", data={"grant_type": "client_credentials"},
                            auth=(client_id, secret), timeout=30)  # fmt: skip
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def running_gateway(var_dir: Path, **env: str) -> Iterator[str]:
    """``python -m gateway`` in embedded mode (what ``make run`` starts) on a free port, with
    ``env`` added: its URL once its services answer. Stopped on exit."""
    port = _free_port()
    env = {**os.environ, "LLWYBR_MODE": "embedded", "LLWYBR_VAR_DIR": str(var_dir), **env}
    log = (var_dir / "gateway.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (var_dir / "gateway.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the gateway did not start"
            try:
                if httpx.get(f"{url}/readyz/services", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """``python -m gateway`` in embedded mode (what ``make run`` starts), with one learner."""
    var_dir = tmp_path_factory.mktemp("console-browser")
    with running_gateway(var_dir) as url:
        running = Running(url, var_dir, "")
        headers = {"Authorization": f"Bearer {running.token('ysgol-example')}"}
        raised = httpx.post(f"{url}/v1/determinations", json=CONCERN, headers=headers, timeout=30)
        assert raised.status_code == 201, raised.text
        running.learner_id = raised.json()["learner_id"]
        yield running


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not binary.exists():
            pytest.fail(f"{binary} is missing: `make browser` installs Debian's chromium")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--disable-gpu"):  # fmt: skip
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("LLWYBR_CONSOLE_SCREENSHOTS")
    directory = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def serious_violations(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """axe-core's violations of impact serious or critical on the page shown."""
    driver.execute_script(AXE.read_text())
    violations: list[dict[str, Any]] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical',"
        " help: String(e)}]));",
        AXE_TAGS,
    )
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


def check_page(driver: webdriver.Chrome, shots: Path, name: str, language: str) -> None:
    """The page is in ``language``, has no serious accessibility violation, and is kept."""
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    found = serious_violations(driver)
    assert not found, [(v["id"], v.get("help"), len(v.get("nodes", []))) for v in found]
    driver.save_screenshot(str(shots / f"{name}-{language}.png"))


def sign_in(driver: webdriver.Chrome, url: str, client_id: str) -> None:
    driver.get(f"{url}/console/sign-in")
    driver.find_element(By.ID, f"sign-in-{client_id}").click()
    WebDriverWait(driver, 10).until(lambda d: "/console/caseload" in d.current_url)


@pytest.mark.parametrize("language", ["cy", "en"])
def test_an_auditor_finds_a_learner_moves_the_slider_and_downloads_a_verified_bundle(
    gateway: Running, browser: webdriver.Chrome, shots: Path, language: str
) -> None:
    url, driver = gateway.url, browser
    driver.delete_all_cookies()
    driver.get(f"{url}/console/language?lang={language}&next=/console/sign-in")
    check_page(driver, shots, "sign-in", language)
    sign_in(driver, url, "wrexham-auditor")
    check_page(driver, shots, "caseload", language)
    driver.find_element(By.CSS_SELECTOR, "nav.menu a[href='/console/statistics']").click()
    WebDriverWait(driver, 10).until(lambda d: "/console/statistics" in d.current_url)
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    check_page(driver, shots, "statistics", language)
    driver.find_element(By.CSS_SELECTOR, "nav.menu a[href='/console/find']").click()
    field = driver.find_element(By.ID, "upn")
    field.send_keys(UPN, Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: gateway.learner_id in d.current_url)
    assert "Gwen Pritchard" in driver.find_element(By.TAG_NAME, "h1").text
    check_page(driver, shots, "case", language)
    driver.find_element(By.CSS_SELECTOR, "p.actions a").click()
    WebDriverWait(driver, 10).until(lambda d: "/timeline" in d.current_url)
    assert driver.find_elements(By.CSS_SELECTOR, "svg.timeline circle.mark")
    check_page(driver, shots, "timeline", language)
    # The slider, moved by keyboard to its first day, asks for the case as it stood then.
    slider = driver.find_element(By.ID, "day")
    slider.send_keys(Keys.HOME)
    WebDriverWait(driver, 10).until(lambda d: "day=0" in d.current_url)
    assert driver.find_element(By.ID, "day").get_attribute("value") == "0"
    # The day before the first event: nothing was recorded yet, every mark is drawn faded.
    assert not driver.find_elements(By.CSS_SELECTOR, "svg.timeline circle.mark:not(.future)")
    check_page(driver, shots, "timeline-as-of", language)
    downloads: Path = driver.downloads  # type: ignore[attr-defined]
    for old in downloads.iterdir():
        old.unlink()
    driver.find_element(By.ID, "bundle").click()
    WebDriverWait(driver, 30).until(
        lambda d: [p for p in downloads.iterdir() if p.suffix == ".zip"]
    )
    bundle = next(p for p in downloads.iterdir() if p.suffix == ".zip")
    keys = httpx.get(f"{url}/.well-known/jwks.json", timeout=10).json()
    check = check_bundle(bundle, keys)
    assert not check.problems, check.problems
    assert check.manifest.get("learner_id") == gateway.learner_id


def test_another_schools_user_gets_the_one_404_and_the_attempt_is_audited(
    gateway: Running, browser: webdriver.Chrome, shots: Path
) -> None:
    driver = browser
    driver.delete_all_cookies()
    driver.get(f"{gateway.url}/console/language?lang=cy")
    sign_in(driver, gateway.url, "ysgol-powys")
    driver.get(f"{gateway.url}/console/learners/{gateway.learner_id}")
    assert "Gwen" not in driver.page_source
    check_page(driver, shots, "not-found", "cy")
    headers = {"Authorization": f"Bearer {gateway.token('wales-auditor')}"}
    rows = httpx.get(f"{gateway.url}/v1/access-audit", params={"organisation": "school:6662001"},
                     headers=headers, timeout=10).json()["items"]  # fmt: skip
    attempts = [r for r in rows if r["path"] == f"/console/learners/{gateway.learner_id}"]
    assert attempts, rows
    assert attempts[-1]["status"] == 404
    assert attempts[-1]["outcome"] == "denied"


TABLET = (768, 1024)  # a tablet held upright


@pytest.mark.parametrize("language", ["cy", "en"])
def test_every_page_fits_a_tablet_and_passes_axe_there(
    gateway: Running, browser: webdriver.Chrome, shots: Path, language: str
) -> None:
    """At 768 px wide each page is usable: nothing wider than the screen to scroll sideways
    for, and no serious accessibility violation; kept as ``*-tablet-{language}.png``."""
    url, driver = gateway.url, browser
    driver.delete_all_cookies()
    previous = driver.get_window_size()
    driver.set_window_size(*TABLET)
    try:
        assert driver.execute_script("return window.innerWidth") <= TABLET[0]
        driver.get(f"{url}/console/language?lang={language}&next=/console/sign-in")
        sign_in(driver, url, "wrexham-auditor")
        for name, path in (
            ("caseload", "/console/caseload"),
            ("statistics", "/console/statistics"),
            ("case", f"/console/learners/{gateway.learner_id}"),
            ("timeline", f"/console/learners/{gateway.learner_id}/timeline"),
        ):
            driver.get(f"{url}{path}")
            sideways = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert sideways <= 0, f"{name} scrolls sideways by {sideways} px at tablet width"
            check_page(driver, shots, f"{name}-tablet", language)
    finally:
        driver.set_window_size(previous["width"], previous["height"])


POWYS_SCHOOL = "school:6662001"
#: The Powys school's autumn, ended before today (its calendar moves no Wrexham deadline).
AUTUMN = {
    "name": "Ysgol Powys autumn 2026",
    "terms": [
        {"name": "Autumn 1", "start": "2026-09-07", "end": "2026-10-23"},
        {"name": "Autumn 2", "start": "2026-11-02", "end": "2026-11-27"},
    ],
    "closures": [],
}


def _short_plan(gateway: Running) -> str:
    """A Powys learner whose school issued a plan with a scheduled element and recorded one
    week of it; the learner's id once the IDP service counts the plan on the school's
    calendar (and so judges the element short)."""
    from .console_world import ALP, DRAFT, GRADUATED_RESPONSE, HAS_ALN

    token = gateway.token("ysgol-powys")
    api = httpx.Client(base_url=gateway.url, timeout=30,
                       headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    with api:
        learner = {"given_name": "Osian", "family_name": "Price", "date_of_birth": "2016-10-02",
                   "setting": "maintained_school", "setting_id": "6662001",
                   "local_authority": "666"}  # fmt: skip
        concern = {**CONCERN, "learner": learner, "raised_by": POWYS_SCHOOL,
                   "raised_with": POWYS_SCHOOL}  # fmt: skip
        raised = api.post("/v1/determinations", json=concern)
        assert raised.status_code == 201, raised.text
        path, learner_id = raised.headers["location"], raised.json()["learner_id"]
        evidence = api.post(f"{path}/graduated-response", headers={"If-Match": '"1"'},
                            json={**GRADUATED_RESPONSE, "recorded_by": POWYS_SCHOOL})  # fmt: skip
        assert evidence.is_success, evidence.text
        decided = api.post(f"{path}/decision", headers={"If-Match": evidence.headers["etag"]},
                           json={**HAS_ALN, "decided_by": POWYS_SCHOOL,
                                 "decided_on": "2026-09-21"})  # fmt: skip
        assert decided.is_success, decided.text
        deadline = time.monotonic() + 60
        while not (plans := api.get("/v1/idps", params={"learner_id": learner_id}).json()["items"]):
            assert time.monotonic() < deadline, "no plan opened"
            time.sleep(0.2)
        plan = f"/v1/idps/{plans[0]['idp_id']}"
        for section, body in DRAFT.items():
            assert api.put(f"{plan}/draft/{section}", json=body).is_success
        element = {**ALP, "provider_organisation": POWYS_SCHOOL, "start_on": "2026-09-07",
                   "schedule": {"sessions": 3, "minutes_each": 30, "per": "week"}}  # fmt: skip
        assert api.post(f"{plan}/draft/alp-elements", json=element).is_success
        issued = api.post(f"{plan}/issue", json={"issued_by": POWYS_SCHOOL,
                                                 "issued_on": "2026-10-01"})  # fmt: skip
        assert issued.is_success, issued.text
        calendar = api.put(f"/v1/calendars/{POWYS_SCHOOL}", params={"set_by": POWYS_SCHOOL},
                           json=AUTUMN)  # fmt: skip
        assert calendar.is_success, calendar.text
        given = api.post(f"{plan}/deliveries", json={
            "element_id": "literacy", "on": "2026-10-05", "delivered": True, "sessions": 3,
            "minutes": 90, "recorded_by": POWYS_SCHOOL, "language": "cy"})  # fmt: skip
        assert given.is_success, given.text
        while not api.get(f"{plan}/provision").json()["calendar"]:
            assert time.monotonic() < deadline + 60, "the calendar never reached the plan"
            time.sleep(0.2)
        return str(learner_id)


def test_the_case_page_shows_a_shortfall_of_provision_and_passes_axe(
    gateway: Running, browser: webdriver.Chrome, shots: Path
) -> None:
    learner_id, driver = _short_plan(gateway), browser
    driver.delete_all_cookies()
    for language, reason in (("cy", "dim wedi'i gofnodi"), ("en", "nothing recorded")):
        driver.get(f"{gateway.url}/console/language?lang={language}&next=/console/sign-in")
        sign_in(driver, gateway.url, "ysgol-powys")
        driver.get(f"{gateway.url}/console/learners/{learner_id}")
        row = driver.find_element(By.CSS_SELECTOR, "table.provision tr#element-literacy")
        assert row.get_attribute("class") == "short"
        assert reason in row.text
        heading = driver.find_element(By.CSS_SELECTOR, "h4[id^='provision-']")
        driver.execute_script("arguments[0].scrollIntoView()", heading)  # for the screenshot
        check_page(driver, shots, "case-provision", language)
        driver.set_window_size(*TABLET)
        try:
            sideways = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert sideways <= 0, f"the case page scrolls sideways by {sideways} px"
        finally:
            driver.set_window_size(1280, 1000)
