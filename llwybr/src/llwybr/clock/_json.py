"""Reading typed fields back out of plain JSON objects (for ``from_dict`` methods)."""

from collections.abc import Mapping
from datetime import date


def text(data: Mapping[str, object], key: str, error: type[ValueError]) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise error(f"{key!r} must be a string, not {value!r}")
    return value


def optional_text(data: Mapping[str, object], key: str, error: type[ValueError]) -> str | None:
    return None if data.get(key) is None else text(data, key, error)


def integer(data: Mapping[str, object], key: str, error: type[ValueError]) -> int:
    value = data.get(key)
    # bool is an int subclass; a JSON true is never a length or a version
    if not isinstance(value, int) or isinstance(value, bool):
        raise error(f"{key!r} must be an integer, not {value!r}")
    return value


def optional_integer(data: Mapping[str, object], key: str, error: type[ValueError]) -> int | None:
    return None if data.get(key) is None else integer(data, key, error)


def boolean(data: Mapping[str, object], key: str, error: type[ValueError]) -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise error(f"{key!r} must be true or false, not {value!r}")
    return value


def iso_date(data: Mapping[str, object], key: str, error: type[ValueError]) -> date:
    value = text(data, key, error)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise error(f"{key!r} must be an ISO date (YYYY-MM-DD), not {value!r}") from None
