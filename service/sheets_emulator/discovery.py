"""Request validation against Google's own Sheets v4 discovery document.

The document ships with google-api-python-client (`discovery_cache/documents/sheets.v4.json`).
There is no well-kept Python library that validates payloads against the discovery schema format
(it is JSON-Schema-like but not JSON Schema: `$ref` names a schema id, `format` carries proto
types, `any` exists), so this module is a small recursive validator. It mirrors the proto3 JSON
parser Google runs: unknown fields, wrong scalar types, out-of-range int32s and unknown enum
values are refused with Google's wording; both camelCase and snake_case names are accepted, and
the result is normalised to camelCase.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sheets_emulator.errors import ApiError

_PROTO_PACKAGE = "type.googleapis.com/google.apps.sheets.v4"
_INT32 = (-(2**31), 2**31 - 1)
_LIST_VALUE = "type.googleapis.com/google.protobuf.ListValue"
# Where the HTTP body sits in the request message, as Google's error paths name it (seen in
# recorded answers: values.update's ValueRange is `data`); other bodies are the whole request.
BODY_FIELD = {"spreadsheets.values.update": "data"}
_SCALAR_TYPES: dict[tuple[Any, Any], str] = {
    ("integer", "int32"): "TYPE_INT32",
    ("integer", "uint32"): "TYPE_UINT32",
    ("integer", "int64"): "TYPE_INT64",
    ("number", "double"): "TYPE_DOUBLE",
    ("number", "float"): "TYPE_FLOAT",
    ("boolean", None): "TYPE_BOOL",
}


@cache
def document() -> dict[str, Any]:
    path = resources.files("googleapiclient") / "discovery_cache/documents/sheets.v4.json"
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


@dataclass(frozen=True)
class Method:
    id: str
    http_method: str
    request_schema: str | None
    parameters: dict[str, Any]


@cache
def methods() -> dict[str, Method]:
    """Every method of the API, keyed by its id without the `sheets.` prefix."""
    found: dict[str, Method] = {}

    def walk(resource: dict[str, Any]) -> None:
        for m in resource.get("methods", {}).values():
            request = m.get("request", {}).get("$ref")
            key = m["id"].removeprefix("sheets.")
            found[key] = Method(key, m["httpMethod"], request, m.get("parameters", {}))
        for sub in resource.get("resources", {}).values():
            walk(sub)

    walk(document())
    return found


@cache
def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


@cache
def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _pascal(name: str) -> str:
    c = camel(name)
    return c[:1].upper() + c[1:]


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# Where a value sits, as a chain (parent, step): a str step is a field, an int an array index,
# "[key]" a map key. Only a violation renders it, so valid bodies never pay for the text.
_Path = tuple[Any, str | int] | None


def path_text(path: _Path) -> str:
    steps: list[str] = []
    while path is not None:
        path, step = path
        if isinstance(step, int):
            steps.append(f"[{step}]")
        elif step.startswith("["):
            steps.append(step)
        else:
            steps.append(f".{snake(step)}")
    return "".join(reversed(steps)).removeprefix(".")


class _Validator:
    def __init__(self) -> None:
        self.schemas: dict[str, Any] = document()["schemas"]
        self.violations: list[tuple[str, str]] = []

    def fail(self, path: str, message: str) -> None:
        self.violations.append((path, message))

    def bad_value(self, path: _Path, proto_type: str, value: Any) -> None:
        where = path_text(path)
        self.fail(where, f"Invalid value at '{where}' ({proto_type}), {_show(value)}")

    def check(self, spec: dict[str, Any], value: Any, path: _Path, name: str) -> Any:
        if value is None:  # proto3 JSON: null means "default"
            return None
        ref = spec.get("$ref")
        if ref is not None:
            return self.message(ref, value, path)
        kind = spec.get("type")
        if kind == "any":
            return value
        if kind == "array":
            if not isinstance(value, list):
                item_ref = spec["items"].get("$ref")
                # A list of lists of `any` (ValueRange.values) is a protobuf ListValue.
                proto = f"{_PROTO_PACKAGE}.{item_ref}" if item_ref else _LIST_VALUE
                self.bad_value(path, proto, value)
                return value
            items = spec["items"]
            if items.get("type") == "any":
                return value
            return [self.check(items, v, (path, i), name) for i, v in enumerate(value)]
        if kind == "object":  # a map: keys are free, values follow additionalProperties
            if not isinstance(value, dict):
                self.bad_value(path, "type.googleapis.com/google.protobuf.Struct", value)
                return value
            inner = spec.get("additionalProperties", {"type": "any"})
            return {k: self.check(inner, v, (path, f"[{k}]"), name) for k, v in value.items()}
        return self.scalar(spec, value, path, name)

    def scalar(self, spec: dict[str, Any], value: Any, path: _Path, name: str) -> Any:
        kind = spec.get("type")
        # The common valid cases first: a big body is mostly strings, numbers and booleans.
        if "enum" in spec:
            if not isinstance(value, str) or value not in spec["enum"]:
                self.bad_value(path, f"{_PROTO_PACKAGE}.{_pascal(name)}", value)
            return value
        if kind == "string":
            if not isinstance(value, str):
                self.bad_value(path, "TYPE_STRING", value)
            return value
        fmt = spec.get("format")
        if kind == "number" and value.__class__ in (int, float):
            return value
        if kind == "integer" and value.__class__ is int and (fmt != "int32" or _int32_ok(value)):
            return value
        proto = _SCALAR_TYPES.get((kind, fmt), _SCALAR_TYPES.get((kind, None), "TYPE_UNKNOWN"))
        if kind == "boolean":
            if not isinstance(value, bool):
                self.bad_value(path, proto, value)
            return value
        if kind == "integer":
            number: Any = value
            if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
                number = int(value)  # proto JSON accepts integers quoted as strings
            elif isinstance(value, float) and value.is_integer():
                number = int(value)
            if isinstance(number, bool) or not isinstance(number, int):
                self.bad_value(path, proto, value)
                return value
            if fmt == "int32" and not _int32_ok(number):
                self.bad_value(path, proto, value)
            return number
        if kind == "number":
            if isinstance(value, str) and value in ("NaN", "Infinity", "-Infinity"):
                return float(value)
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.bad_value(path, proto, value)
            return value
        return value

    def message(self, ref: str, value: Any, path: _Path) -> Any:
        if not isinstance(value, dict):
            self.bad_value(path, f"{_PROTO_PACKAGE}.{ref}", value)
            return value
        props: dict[str, Any] = self.schemas[ref].get("properties", {})
        out: dict[str, Any] = {}
        for key, item in value.items():
            spec = props.get(key)
            field = key
            if spec is None:
                field = camel(key)
                spec = props.get(field)
            if spec is None:
                where = path_text(path)
                at = f" at '{where}'" if where else ""
                self.fail(
                    where or key,
                    f'Invalid JSON payload received. Unknown name "{key}"{at}: Cannot find field.',
                )
                continue
            out[field] = self.check(spec, item, (path, field), field)
        return out


def _int32_ok(number: int) -> bool:
    return _INT32[0] <= number <= _INT32[1]


def validate_body(schema: str, body: Any, root: str = "") -> dict[str, Any]:
    """The body, normalised to camelCase, or ApiError(400) listing every violation; `root`
    names the request field the body is bound to, for Google's error paths."""
    v = _Validator()
    result = v.message(schema, body, (None, root) if root else None)
    if v.violations:
        raise ApiError(400, "\n".join(m for _, m in v.violations), violations=v.violations)
    assert isinstance(result, dict)
    return result


def validate_query(method: Method, args: dict[str, list[str]]) -> dict[str, Any]:
    """Query parameters checked against the method's and the API's `parameters`."""
    known = {**document()["parameters"], **method.parameters}
    out: dict[str, Any] = {}
    violations: list[tuple[str, str]] = []
    for raw_name, raw_values in args.items():
        name = raw_name if raw_name in known else camel(raw_name)
        spec = known.get(name)
        if spec is None or spec.get("location") != "query":
            msg = (
                f'Invalid JSON payload received. Unknown name "{raw_name}": Cannot bind query '
                f"parameter. Field '{raw_name}' could not be found in request message."
            )
            violations.append((raw_name, msg))
            continue
        parsed: list[Any] = []
        for raw in raw_values:
            value: Any = raw
            bad = False
            if spec.get("type") == "boolean":
                bad = raw.lower() not in ("true", "false", "1", "0")
                value = raw.lower() in ("true", "1")
            elif spec.get("type") == "integer":
                bad = not re.fullmatch(r"-?\d+", raw)
                value = int(raw) if not bad else raw
            elif "enum" in spec:
                bad = raw not in spec["enum"]
            if bad:
                proto = f"{_PROTO_PACKAGE}.{_pascal(name)}" if "enum" in spec else "TYPE_BOOL"
                if spec.get("type") == "integer":
                    proto = "TYPE_INT32"
                path = snake(name)
                violations.append((path, f"Invalid value at '{path}' ({proto}), \"{raw}\""))
            parsed.append(value)
        out[name] = parsed if spec.get("repeated") else parsed[-1]
    if violations:
        raise ApiError(400, "\n".join(m for _, m in violations), violations=violations)
    return out
