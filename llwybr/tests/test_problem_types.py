"""A service's problem types, as its OpenAPI document publishes them for the gateway."""

from fastapi import FastAPI

from llwybr.problem_types import PROBLEM_TYPES, problem_types, publish_problem_types, raises


class CaseError(Exception):
    """Base of every case error."""


class NoStandingError(CaseError):
    """The body has no right to ask for this (e.g. a school appealing). It is refused."""


class GoneError(Exception):
    pass


TABLE: dict[type[Exception], tuple[int, str]] = {
    NoStandingError: (422, "no-standing"),
    GoneError: (404, "gone"),
    CaseError: (422, "case"),
}


def test_each_status_lists_its_kinds_with_what_each_means() -> None:
    assert problem_types(TABLE) == {
        "404": {"gone": "gone"},
        "422": {
            "case": "The request breaks a rule of the case; the detail names it.",
            "no-standing": "The body has no right to ask for this (e.g. a school appealing).",
        },
    }


def test_the_service_document_carries_them() -> None:
    app = FastAPI()
    publish_problem_types(app, TABLE)
    assert app.openapi()[PROBLEM_TYPES] == problem_types(TABLE)
    assert app.openapi() is app.openapi()  # built once, as FastAPI caches it


class StaleError(Exception):
    """The version named is not the latest."""


class SubCaseError(CaseError):
    """A case error the table maps through its base."""


def test_a_route_that_declares_what_it_raises_lists_only_its_own_kinds() -> None:
    app = FastAPI()

    @app.post("/cases", openapi_extra=raises(SubCaseError, refusals={"not-yours": "Not yours."}))
    def act() -> None: ...

    @app.get("/cases", openapi_extra=raises(GoneError))
    def read() -> None: ...

    @app.get("/other")
    def undeclared() -> None: ...

    publish_problem_types(app, {**TABLE, StaleError: (412, "stale")}, {StaleError: (412, "stale")})
    paths = app.openapi()["paths"]
    assert paths["/cases"]["post"][PROBLEM_TYPES] == {
        "403": {"not-yours": "Not yours."},
        "412": {"stale": "The version named is not the latest."},
        "422": {"case": "A case error the table maps through its base."},
    }
    assert paths["/cases"]["get"][PROBLEM_TYPES] == {"404": {"gone": "gone"}}  # no 412 on read
    assert PROBLEM_TYPES not in paths["/other"]["get"]
    assert "x-raises" not in paths["/cases"]["post"]


def test_a_route_lists_the_problems_it_answers_itself() -> None:
    app = FastAPI()

    @app.post("/uploads", openapi_extra=raises(problems={413: {"document": "Too large."}}))
    def upload() -> None: ...

    publish_problem_types(app, TABLE)
    assert app.openapi()["paths"]["/uploads"]["post"][PROBLEM_TYPES] == {
        "413": {"document": "Too large."}
    }
