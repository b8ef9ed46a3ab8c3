"""The console's sign-in, sessions, CSRF and language, and the caseload (embedded mode, through
the gateway's ASGI app)."""

import httpx
import pytest

from .console_world import SCHOOL, Console, console, world

__all__ = ["console", "world"]  # the fixtures, shared with the console's page tests

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_sign_in_lists_the_development_organisations_in_welsh_first(
    console: Console,
) -> None:
    page = await console.client.get("/console/sign-in")
    assert page.status_code == 200
    assert '<html lang="cy">' in page.text
    assert "Mewngofnodi" in page.text
    assert "wrexham-la" in page.text
    assert "la:665" in page.text
    english = await console.client.get("/console/sign-in", headers={"Accept-Language": "en-GB"})
    assert '<html lang="en">' in english.text
    assert "Development sign-in" in english.text


async def test_the_language_switch_sets_a_cookie_and_returns_to_the_page(console: Console) -> None:
    switched = await console.client.get("/console/language?lang=en&next=/console/sign-in")
    assert switched.status_code == 303
    assert switched.headers["location"] == "/console/sign-in"
    assert '<html lang="en">' in (await console.client.get("/console/sign-in")).text
    elsewhere = await console.client.get("/console/language?lang=cy&next=https://evil.example")
    assert elsewhere.headers["location"] == "/console"


async def test_a_sign_in_without_the_csrf_token_is_refused_and_signs_no_one_in(
    console: Console,
) -> None:
    await console.client.get("/console/sign-in")
    refused = await console.client.post(
        "/console/sign-in", data={"client_id": "wrexham-la", "csrf": "forged"}
    )
    assert refused.status_code == 403
    caseload = await console.client.get("/console/caseload")
    assert caseload.status_code == 303
    assert caseload.headers["location"] == "/console/sign-in"


async def test_the_session_cookie_is_httponly_lax_and_secure_off_loopback(
    console: Console,
) -> None:
    page = await console.client.get("/console/sign-in")
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie
    transport = httpx.ASGITransport(app=console.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://llwybr.example") as remote:
        assert "Secure" in (await remote.get("/console/sign-in")).headers["set-cookie"]


async def test_a_forged_session_cookie_is_no_session(console: Console) -> None:
    await console.sign_in(SCHOOL)
    value = console.client.cookies["llwybr_console"]
    console.client.cookies.clear()
    console.client.cookies.set("llwybr_console", value[:-3] + "AAA", path="/console")
    assert (await console.client.get("/console/caseload")).status_code == 303


async def test_the_stylesheet_is_served_by_the_gateway(console: Console) -> None:
    css = await console.client.get("/console/static/console.css")
    assert css.status_code == 200
    assert "text/css" in css.headers["content-type"]


async def test_caseload_filters_show_the_organisations_cases(console: Console) -> None:
    await console.sign_in(SCHOOL)
    every = await console.client.get("/console/caseload")
    assert every.status_code == 200
    assert console.learner_id in every.text
    assert "Cerys Jones" in every.text  # the learner's name, as the registry gives it
    assert "no term calendar, so counted in working days" not in every.text  # Welsh page
    assert "nid oes calendr tymor" in every.text  # the case's deadline is provisional
    # Raised in March and not decided: overdue today, not due this week nor met.
    assert console.learner_id in (await console.client.get("/console/caseload?filter=overdue")).text
    for quiet in ("due", "met"):
        page = await console.client.get(f"/console/caseload?filter={quiet}")
        assert page.status_code == 200
        assert console.learner_id not in page.text
    assert (await console.client.get("/console/caseload?filter=nonsense")).status_code == 400
