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


# A field's spec compiled once into what checking a value needs: (kind, detail, proto type).
_REF, _ANY, _ARRAY, _MAP, _ENUM, _STRING, _BOOL, _INT, _NUMBER, _OTHER = range(10)
_Kind = tuple[int, Any, str]


@cache
def _fields(ref: str) -> dict[str, tuple[_Kind, str]]:
    """A schema's fields by their camelCase name: (compiled kind, name)."""
    props: dict[str, Any] = document()["schemas"][ref].get("properties", {})
    return {name: (_compile(spec, name), name) for name, spec in props.items()}


def _compile(spec: dict[str, Any], name: str) -> _Kind:
    if "$ref" in spec:
        return (_REF, spec["$ref"], "")
    kind, fmt = spec.get("type"), spec.get("format")
    if kind == "any":
        return (_ANY, None, "")
    if kind == "array":
        item_ref = spec["items"].get("$ref")
        # A list of lists of `any` (ValueRange.values) is a protobuf ListValue.
        proto = f"{_PROTO_PACKAGE}.{item_ref}" if item_ref else _LIST_VALUE
        return (_ARRAY, _compile(spec["items"], name), proto)
    if kind == "object":  # a map: keys are free, values follow additionalProperties
        inner = spec.get("additionalProperties", {"type": "any"})
        return (_MAP, _compile(inner, name), "type.googleapis.com/google.protobuf.Struct")
    if "enum" in spec:
        return (_ENUM, frozenset(spec["enum"]), f"{_PROTO_PACKAGE}.{_pascal(name)}")
    if kind == "string":
        return (_STRING, None, "TYPE_STRING")
    proto = _SCALAR_TYPES.get((kind, fmt), _SCALAR_TYPES.get((kind, None), "TYPE_UNKNOWN"))
    if kind == "boolean":
        return (_BOOL, None, proto)
    if kind == "integer":
        return (_INT, fmt == "int32", proto)
    if kind == "number":
        return (_NUMBER, None, proto)
    return (_OTHER, None, proto)


class _Validator:
    def __init__(self) -> None:
        self.violations: list[tuple[str, str]] = []

    def fail(self, path: str, message: str) -> None:
        self.violations.append((path, message))

    def bad_value(self, path: _Path, proto_type: str, value: Any) -> None:
        where = path_text(path)
        self.fail(where, f"Invalid value at '{where}' ({proto_type}), {_show(value)}")

    def check(self, kind: _Kind, value: Any, path: _Path) -> Any:
        if value is None:  # proto3 JSON: null means "default"
            return None
        code, detail, proto = kind
        # The common valid cases first: a big body is mostly messages, strings and numbers.
        if code == _REF:
            return self.message(detail, value, path)
        if code == _STRING:
            if value.__class__ is not str:
                self.bad_value(path, proto, value)
            return value
        if code == _NUMBER:
            if value.__class__ is float or value.__class__ is int:
                return value
            if isinstance(value, str) and value in ("NaN", "Infinity", "-Infinity"):
                return float(value)
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.bad_value(path, proto, value)
            return value
        if code == _ENUM:
            if not isinstance(value, str) or value not in detail:
                self.bad_value(path, proto, value)
            return value
        if code == _ARRAY:
            if not isinstance(value, list):
                self.bad_value(path, proto, value)
                return value
            if detail[0] == _ANY:
                return value
            items: list[Any] | None = None
            for i, item in enumerate(value):
                checked = self.check(detail, item, (path, i))
                if items is None and checked is not item:
                    items = value[:i]
                if items is not None:
                    items.append(checked)
            return value if items is None else items
        if code == _BOOL:
            if not isinstance(value, bool):
                self.bad_value(path, proto, value)
            return value
        if code == _INT:
            return self.integer(value, detail, proto, path)
        if code == _MAP:
            if not isinstance(value, dict):
                self.bad_value(path, proto, value)
                return value
            entries = {k: self.check(detail, v, (path, f"[{k}]")) for k, v in value.items()}
            return value if all(entries[k] is v for k, v in value.items()) else entries
        return value  # `any`, or a type the document does not constrain

    def integer(self, value: Any, int32: bool, proto: str, path: _Path) -> Any:
        number: Any = value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
            number = int(value)  # proto JSON accepts integers quoted as strings
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        if isinstance(number, bool) or not isinstance(number, int):
            self.bad_value(path, proto, value)
            return value
        if int32 and not _int32_ok(number):
            self.bad_value(path, proto, value)
        return number

    def message(self, ref: str, value: Any, path: _Path) -> Any:
        if not isinstance(value, dict):
            self.bad_value(path, f"{_PROTO_PACKAGE}.{ref}", value)
            return value
        fields = _fields(ref)
        # A valid body is mostly already camelCase and typed: it is returned as it came, and a
        # copy is made only from the first field that normalises differently.
        out: dict[str, Any] | None = None
        for key, item in value.items():
            found = fields.get(key)
            if found is None:
                found = fields.get(camel(key))
            if found is None:
                where = path_text(path)
                at = f" at '{where}'" if where else ""
                self.fail(
                    where or key,
                    f'Invalid JSON payload received. Unknown name "{key}"{at}: Cannot find field.',
                )
                continue
            kind, field = found
            checked = self.check(kind, item, (path, field))
            if out is None and (field != key or checked is not item):
                out = {}
                for earlier, seen in value.items():
                    if earlier == key:
                        break
                    if earlier in fields:  # an unknown name is a violation already
                        out[earlier] = seen
            if out is not None:
                out[field] = checked
        return value if out is None else out


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
