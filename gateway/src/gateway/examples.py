"""A request example for every JSON body in the public OpenAPI document (issue 20).

A body whose model gives an example keeps it; any other is built from its schema: each field's
own example (``Field(examples=...)``), else its default, else the first of its choices, else a
value of its type and format (a few patterns the API uses everywhere have a known value). Only
the required fields, those with examples and those known by name are filled, so the example
stays short.
``test_openapi`` checks every example against the body's model, so one that is wrong fails
there and the model is given an example by hand.
"""

from typing import Any

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
_NAMES = {"email": "aln@wrexham.example"}
_FORMATS = {
    "date": "2026-03-02",
    "date-time": "2026-03-02T09:00:00Z",
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


def example_of(schema: dict[str, Any], schemas: dict[str, Any], depth: int = 0) -> Any:
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
            return example_of(choices[0], schemas, depth + 1)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return _object(schema, schemas, depth)
    if kind == "array":
        item = example_of(schema.get("items", {}), schemas, depth + 1)
        return [item] * max(1, schema.get("minItems", 1))
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return float(max(1, schema.get("minimum", 1)))
    if kind == "boolean":
        return True
    return _string(schema)


def _object(schema: dict[str, Any], schemas: dict[str, Any], depth: int) -> dict[str, Any]:
    required = set(schema.get("required", []))
    properties = schema.get("properties", {})
    return {
        name: _NAMES[name] if name in _NAMES else example_of(field, schemas, depth + 1)
        for name, field in properties.items()
        if name in required or name in _NAMES or (depth == 0 and _has_example(field, schemas))
    }


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
