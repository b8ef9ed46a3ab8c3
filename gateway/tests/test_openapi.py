from gateway.openapi import SNAPSHOT, public_document, render


def test_the_public_openapi_document_matches_its_snapshot() -> None:
    # A changed public API is a deliberate act: `make schemas` and commit the new snapshot.
    assert render(public_document()) == SNAPSHOT.read_text(encoding="utf-8")


def test_every_public_operation_declares_its_security_and_errors() -> None:
    document = public_document()
    for path, item in document["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in item.items():
            assert operation.get("security"), f"{method} {path} has no security"
            for status in ("401", "403", "422", "429", "503"):
                assert status in operation["responses"], f"{method} {path} lacks {status}"
    assert "oauth2" in document["components"]["securitySchemes"]


def test_every_public_post_declares_the_idempotency_conflicts() -> None:
    document = public_document()
    assert "secret-not-replayed" in document["info"]["description"]
    posts = [(p, item["post"]) for p, item in document["paths"].items() if "post" in item]
    for path, operation in posts:
        if path.startswith("/v1/"):
            assert "secret-not-replayed" in operation["responses"]["409"]["description"], path
