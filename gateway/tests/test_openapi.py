"""The public OpenAPI document: current, complete, and one a client generator can use."""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from determination.domain.learner import upn_check_letter
from gateway.main import create_app, with_internal_secret
from gateway.openapi import SNAPSHOT, public_document, render
from gateway.operations import OPERATION_IDS
from gateway.services import embedded_apps
from gateway.settings import Settings
from llwybr.organisation_ids import SETTING_ID
from llwybr.problems import Problem
from llwybr.settings import RuntimeSettings


def test_the_public_openapi_document_matches_its_snapshot() -> None:
    # A changed public API is a deliberate act: `make schemas` and commit the new snapshot.
    assert render(public_document()) == SNAPSHOT.read_text(encoding="utf-8")


def test_every_public_operation_declares_its_security_and_errors() -> None:
    document = _document()
    for path, item in document["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in item.items():
            assert operation.get("security"), f"{method} {path} has no security"
            for status in ("401", "403", "422", "429", "503"):
                assert status in operation["responses"], f"{method} {path} lacks {status}"
    assert "oauth2" in document["components"]["securitySchemes"]


def test_every_public_post_declares_the_idempotency_conflicts() -> None:
    document = _document()
    assert "secret-not-replayed" in document["info"]["description"]
    posts = [(p, item["post"]) for p, item in document["paths"].items() if "post" in item]
    for path, operation in posts:
        if path.startswith("/v1/"):
            assert "secret-not-replayed" in operation["responses"]["409"]["description"], path


@cache
def _document() -> dict[str, Any]:
    return public_document()


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for p, item in _document()["paths"].items() for m, op in item.items()]


def test_every_operation_has_a_stable_verb_noun_id_and_a_tag() -> None:
    ids = [operation["operationId"] for _, _, operation in _operations()]
    assert len(ids) == len(set(ids)), "operationIds are unique"
    for method, path, operation in _operations():
        assert OPERATION_IDS[(method.upper(), path)] == operation["operationId"], path
        assert re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", operation["operationId"]), path
        assert operation.get("tags"), f"{method} {path} has no tag"
    # Only the table's ids: none left over from a route that was removed.
    assert set(OPERATION_IDS.values()) == set(ids)


def test_no_two_services_give_one_schema_name_to_different_schemas(tmp_path: Path) -> None:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    apps = embedded_apps(with_internal_secret(Settings(runtime=runtime)))
    seen: dict[str, tuple[str, Any]] = {}
    for service, app in apps.items():
        for name, schema in app.openapi().get("components", {}).get("schemas", {}).items():
            first = seen.setdefault(name, (service, schema))
            assert first[1] == schema, f"{name}: {first[0]}'s and {service}'s differ"


def test_the_two_notice_bodies_are_documented_apart() -> None:
    paths, schemas = _document()["paths"], _document()["components"]["schemas"]
    body = paths["/v1/reconsiderations/{case_id}/notice"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ReconsiderationNoticeIn"
    )
    content = schemas["DeterminationNoticeIn"]["properties"]["content"]["description"]
    for part in ("decision_and_reasons", "right_of_appeal", "reason_for_referral"):
        assert part in content


def test_the_headers_a_client_sends_and_reads_are_documented() -> None:
    for method, path, operation in _operations():
        if not path.startswith("/v1/"):
            continue
        answers = {s: r for s, r in operation["responses"].items() if s.startswith("2")}
        if method == "post":
            names = [p["name"] for p in operation.get("parameters", [])]
            assert "Idempotency-Key" in names, path
            for status, response in answers.items():
                assert "Idempotent-Replayed" in response.get("headers", {}), (path, status)
        if "201" in answers:
            assert {"Location", "ETag"} <= set(answers["201"]["headers"]), path
    read = _document()["paths"]["/v1/determinations/{determination_id}"]["get"]
    assert "ETag" in read["responses"]["200"]["headers"]
    change = _document()["paths"]["/v1/determinations/{determination_id}/decision"]["post"]
    assert any(p["name"].lower() == "if-match" for p in change["parameters"])


def test_every_operation_says_more_than_its_summary() -> None:
    for method, path, operation in _operations():
        description = operation.get("description", "")
        assert description, f"{method} {path} has no description"
        assert description != operation.get("summary"), f"{method} {path}: only its summary"


#: How the paragraph ``describe_operations`` adds begins (scope, If-Match, pages, problems).
_GENERATED = re.compile(r"^(Needs the scope|With `If-Match`|Answers the record|By page|Problems)")
#: The end of a sentence: a full stop (or ! ?) before a space, a new line or the end.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def test_every_operation_describes_itself_in_at_least_two_sentences() -> None:
    # What it does and who may call it or what its answer means: written by hand, not the
    # paragraph the gateway generates from the scope and the responses.
    for method, path, operation in _operations():
        paragraphs = operation["description"].split("\n\n")
        if _GENERATED.match(paragraphs[-1]):
            paragraphs = paragraphs[:-1]
        own = "\n\n".join(paragraphs)
        assert len(_SENTENCE_END.findall(own)) >= 2, f"{method} {path}: {own!r}"


def test_the_example_upn_passes_the_check_letter() -> None:
    learner = _document()["components"]["schemas"]["LearnerIn"]["properties"]["upn"]
    for upn in learner["examples"]:
        assert upn_check_letter(upn[1:]) == upn[0], upn


def _routes(routes: list[Any], prefix: str = "") -> list[tuple[str, APIRoute]]:
    """The app's routes with their full paths, those of the routers it includes too (FastAPI
    includes them lazily: the prefix is in the include's context)."""
    found: list[tuple[str, APIRoute]] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append((prefix + route.path, route))
        elif hasattr(route, "original_router"):
            include = getattr(route.include_context, "prefix", "")
            found.extend(_routes(route.original_router.routes, prefix + include))
    return found


def test_every_json_request_body_has_an_example_its_model_accepts(tmp_path: Path) -> None:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    apps = embedded_apps(with_internal_secret(Settings(runtime=runtime)))
    paths, checked = _document()["paths"], set()
    for app in apps.values():
        for path, route in _routes(app.routes):
            model = route.body_field.field_info.annotation if route.body_field else None
            for method in route.methods or ():
                operation = paths.get(path, {}).get(method.lower(), {})
                body = operation.get("requestBody", {}).get("content", {})
                if model is None or "application/json" not in body:
                    continue
                TypeAdapter(model).validate_python(body["application/json"]["example"])
                checked.add((method.lower(), path))
    assert len(checked) > 50  # the routes were found
    for path, item in paths.items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {})
            if "application/json" in body and (method, path) not in checked:
                # A body the route reads itself (e.g. JSON or text/calendar): an example still.
                assert "example" in body["application/json"], f"{method} {path}"


def test_every_json_answer_has_an_example_its_model_accepts(tmp_path: Path) -> None:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    settings = with_internal_secret(Settings(runtime=runtime))
    apps = {**embedded_apps(settings), "gateway": create_app(settings)}
    paths, checked = _document()["paths"], set()
    for app in apps.values():
        for path, route in _routes(app.routes):
            if route.response_model is None:
                continue
            for method in route.methods or ():
                operation = paths.get(path, {}).get(method.lower(), {})
                for status, response in operation.get("responses", {}).items():
                    answer = response.get("content", {}).get("application/json")
                    if status.startswith("2") and answer is not None:
                        TypeAdapter(route.response_model).validate_python(answer["example"])
                        checked.add((method.lower(), path))
    assert len(checked) > 80  # the routes were found
    for method, path, operation in _operations():
        answers = [r for s, r in operation["responses"].items() if s.startswith("2")]
        assert answers, f"{method} {path} has no success answer"
        for answer in answers:
            for media, content in answer.get("content", {}).items():
                # A file (PDF, zip, metrics text) has no example to show, only its media type.
                if media.endswith("json"):
                    assert "example" in content, f"{method} {path} {media}"


def test_every_problem_answer_has_an_example_of_each_of_its_types() -> None:
    seen = set()
    for method, path, operation in _operations():
        for status, response in operation["responses"].items():
            problem = response.get("content", {}).get("application/problem+json")
            if problem is None:
                continue
            assert problem["examples"], f"{method} {path} {status}"
            for kind, named in problem["examples"].items():
                example = Problem.model_validate(named["value"])
                assert example.status == int(status), f"{method} {path} {status}"
                assert example.type == f"https://llwybr.wales/problems/{kind}"
                assert named["summary"], f"{method} {path} {kind}"
                assert example.detail, f"{method} {path} {kind}"
                assert "{" not in (example.instance or ""), f"{method} {path}: a template"
                # Its own path (not another operation's that shares the response object).
                pattern = re.sub(r"\{[^}]+\}", "[^/]+", path)
                assert re.fullmatch(pattern, example.instance or ""), f"{method} {path}"
                seen.add(example.status)
    assert {400, 401, 403, 404, 409, 422} <= seen


def _kinds(method: str, path: str, status: str) -> set[str]:
    content = _document()["paths"][path][method]["responses"][status]["content"]
    return set(content["application/problem+json"]["examples"])


def test_problem_examples_name_the_types_of_the_service_that_answers() -> None:
    # Each service's own error table (ERROR_STATUSES), published in its document.
    assert {"validation", "invalid-upn", "young-person-conflict"} <= _kinds(
        "post", "/v1/determinations", "422"
    )
    assert {"open-determination", "secret-not-replayed"} <= _kinds(
        "post", "/v1/determinations", "409"
    )
    assert {"facts-differ", "outside-window"} <= _kinds("post", "/v1/appeals", "422")
    assert "invalid-upn" not in _kinds("post", "/v1/appeals", "422")
    # Each route its own (issue 20): opening a plan meets an open one, never a frozen draft.
    assert "idp-exists" in _kinds("post", "/v1/idps", "409")
    assert "version-frozen" not in _kinds("post", "/v1/idps", "409")
    element = "/v1/idps/{idp_id}/draft/alp-elements/{element_id}"
    assert "version-frozen" in _kinds("put", element, "409")
    assert {"insufficient-scope", "not-whole-of-wales"} <= _kinds("get", "/v1/audit/verify", "403")
    # A read is not a POST: no Idempotency-Key, so no conflict over one.
    for status, response in _document()["paths"]["/v1/idps/{idp_id}"]["get"]["responses"].items():
        if "application/problem+json" in response.get("content", {}):
            assert "secret-not-replayed" not in _kinds("get", "/v1/idps/{idp_id}", status)
    detail = _document()["paths"]["/v1/appeals"]["post"]["responses"]["422"]["content"][
        "application/problem+json"
    ]["examples"]["facts-differ"]["value"]["detail"]
    assert detail.startswith("The request contradicts what the body that decided announced")


def test_every_operation_says_which_problems_of_its_own_it_answers() -> None:
    for method, path, operation in _operations():
        for status in ("400", "403", "404", "409", "412", "422"):
            response = operation["responses"].get(status, {})
            if "application/problem+json" in response.get("content", {}):
                assert f"{status} " in operation["description"].rpartition("Problems")[2], (
                    f"{method} {path} does not say it answers {status}"
                )


def test_every_json_answer_is_a_named_model() -> None:
    # Not `{}` nor an anonymous dict: a client generator names and types every answer.
    for method, path, operation in _operations():
        for status, response in operation["responses"].items():
            answer = response.get("content", {}).get("application/json")
            if not status.startswith("2") or answer is None:
                continue
            schema = answer["schema"]
            named = schema.get("items", {}) if schema.get("type") == "array" else schema
            assert "$ref" in named, f"{method} {path} {status}: {schema}"


#: The fields of the public API that name a school or FEI.
_SCHOOL_OR_FEI = {"setting_id", "school", "directed_school", "directed_to_maintain", "enrolled_at"}


def _named_values(node: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair anywhere in ``node``, examples included."""
    if isinstance(node, list):
        return [pair for value in node for pair in _named_values(value)]
    if not isinstance(node, dict):
        return []
    own = list(node.items())
    return own + [pair for value in node.values() for pair in _named_values(value)]


def test_no_schema_or_example_names_a_school_or_fei_by_a_bare_number() -> None:
    # Issue 20: one id form per kind of organisation (`school:6652001`, `fei:10001234`).
    document = _document()
    examples = [
        (key, value)
        for key, value in _named_values(document)
        if key in _SCHOOL_OR_FEI and not isinstance(value, dict)
    ]
    assert examples
    whole = re.compile(SETTING_ID)
    for key, value in examples:
        for ident in value if isinstance(value, list) else [value]:
            assert ident is None or whole.match(ident), (key, ident)
    for name, schema in document["components"]["schemas"].items():
        for field in _SCHOOL_OR_FEI & set(schema.get("properties", {})):
            text = json.dumps(schema["properties"][field])
            assert "[0-9A-Za-z]{1,20}$" not in text or "school|fei" in text, (name, field)


def test_the_case_list_answers_described_rows_with_an_example() -> None:
    # Issue 20: `GET /v1/determinations` items were untyped objects.
    document = _document()
    answer = document["paths"]["/v1/determinations"]["get"]["responses"]["200"]
    page = answer["content"]["application/json"]["schema"]["$ref"].rpartition("/")[2]
    items = document["components"]["schemas"][page]["properties"]["items"]["items"]
    row = document["components"]["schemas"][items["$ref"].rpartition("/")[2]]
    assert {"determination_id", "learner_id", "organisation", "status"} <= set(row["properties"])
    assert row["examples"][0]["organisation"] == "school:6652001"


def _problem_kinds(operation: dict[str, Any], status: str) -> set[str]:
    content = operation["responses"][status]["content"]["application/problem+json"]
    return set(content["examples"])


def test_a_route_that_declares_its_errors_lists_only_its_own_problem_types() -> None:
    # Issue 20: problem kinds per route, derived from the errors the route declares
    # (`llwybr.problem_types.raises`), its access refusals included.
    paths = _document()["paths"]
    end = paths["/v1/learners/{learner_id}/enrolments/{setting}/end"]["post"]
    assert {"not-the-setting", "acting-for-another", "no-relationship"} <= _problem_kinds(
        end, "403"
    )
    assert "wrong-body" not in _problem_kinds(end, "403")
    assert {"invalid-transition", "concurrent-change"} <= _problem_kinds(end, "409")
    assert not {"open-determination", "already-decided"} & _problem_kinds(end, "409")
    # Raising a concern declares the open case a learner may already have.
    raise_concern = paths["/v1/determinations"]["post"]
    assert "open-determination" in _problem_kinds(raise_concern, "409")


def test_every_public_operation_declares_its_own_problem_types() -> None:
    # Issue 20: each operation lists the kinds its route declares (`raises`, the gateway's
    # own routes included), never its whole service's table by path.
    undeclared = [
        f"{method.upper()} {path}"
        for method, path, operation in _operations()
        if path.startswith("/v1/") and "x-problem-types" not in operation
    ]
    assert undeclared == []
    verify = _document()["paths"]["/v1/audit/verify"]["get"]["x-problem-types"]
    assert set(verify["403"]) == {"not-whole-of-wales"}
    read = _document()["paths"]["/v1/idps/{idp_id}"]["get"]["x-problem-types"]
    assert not {"409", "412"} & set(read)  # a read meets no write conflict
