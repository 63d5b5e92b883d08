"""Turn pydantic validation errors into located, plain-language problems."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from privacy_site.model.placement import field_model, inner, misplaced_fields
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located, Path_

M = TypeVar("M", bound=BaseModel)

_TEXT_TYPES = {"Text", "RichText"}
_LANGUAGES = frozenset({"nl", "fr", "de", "en"})
# Fields the model itself requires because GDPR does: name the article in the message.
_ARTICLES = {
    ("Organisation", "name"): "GDPR art. 13(1)(a)",
    ("Organisation", "address"): "GDPR art. 13(1)(a)",
    ("Organisation", "privacy_contact"): "GDPR art. 13(1)(a)",
    ("PrivacyStatement", "introduction"): "GDPR art. 12(1)",
}


def validate(model: type[M], located: Located) -> tuple[M | None, list[Problem]]:
    """Validate located YAML data against a model; collect every problem."""
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        placed, explained = misplaced_fields(model, located, errors)
        return None, [*placed, *(_problem(model, located, err) for i, err in enumerate(errors)
                                 if i not in explained and not _explained_by_typo(model, err, errors))]


def _explained_by_typo(model: type[BaseModel], err: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """A missing field whose misspelling is reported as unknown: one mistake, one message."""
    if err["type"] != "missing":
        return False
    parent, field = tuple(err["loc"][:-1]), str(err["loc"][-1])
    owner = field_model(model, tuple(err["loc"]))
    allowed = sorted(owner.model_fields) if owner else []
    for other in errors:
        if other["type"] == "extra_forbidden" and tuple(other["loc"][:-1]) == parent:
            if get_close_matches(str(other["loc"][-1]), allowed, n=1, cutoff=0.6) == [field]:
                return True
    return False


def _yaml_path(located: Located, loc: tuple[Any, ...]) -> tuple[Path_, str | int | None]:
    """Keep the loc segments that exist in the YAML; return the path and the last missing segment."""
    path: Path_ = ()
    last: str | int | None = None
    for seg in loc:
        candidate = (*path, seg)
        if candidate in located.value_pos:
            path = candidate
        else:
            last = seg
    return path, last


def _field_annotation(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The annotation of the field at loc, or None when loc leaves the model."""
    owner = field_model(model, loc)
    if owner is None or not loc or loc[-1] not in owner.model_fields:
        return None
    return owner.model_fields[loc[-1]].annotation


def _literal_options(annotation: Any) -> list[str]:
    """The allowed values when the field (or its list items) is a Literal."""
    from typing import Literal, get_args, get_origin

    for _ in range(5):
        if get_origin(annotation) is Literal:
            return [str(a) for a in get_args(annotation)]
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            return []
        annotation = args[0]
    return []


def _is_text(annotation: Any) -> bool:
    found = inner(annotation)
    return isinstance(found, type) and found.__name__ in _TEXT_TYPES


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return f'"{value}"'


def _name(path: Path_, last: str | int | None) -> str:
    parts = [*path, last] if last is not None else list(path)
    out = ""
    for seg in parts:
        out += f"[{seg + 1}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "the file"


def _problem(model: type[BaseModel], located: Located, err: dict[str, Any]) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    path, last = _yaml_path(located, loc)
    value = err.get("input")
    name = _name(path, None)
    if kind == "missing":
        field = str(last)
        owner = field_model(model, loc)
        if owner is not None and owner.__name__ in _TEXT_TYPES:
            return located.problem(path, f'{name}: the {field} translation is missing; add "{field}: ..."')
        options = _literal_options(_field_annotation(model, loc))
        if options:
            hint = "add " + " or ".join(f'"{field}: {o}"' for o in options)
        elif _is_text(_field_annotation(model, loc)):
            hint = f'add "{field}:" with the text below it as nl: ... and fr: ...'
        else:
            hint = f'add "{field}:"'
        where = f"{name}: " if path else ""
        article = _ARTICLES.get((owner.__name__ if owner else "", field))
        why = f" ({article})" if article else ""
        return located.problem(path, f'{where}required field "{field}" is missing{why}; {hint}', at_key=bool(path))
    expected_text = _is_text(_field_annotation(model, loc))
    if value is None and kind in ("model_type", "model_attributes_type", "dict_type", "string_type",
                                  "list_type", "missing"):
        hint = ("write the text below it as nl: ... and fr: ..." if expected_text
                else "fill it in or remove the line")
        return located.problem(path, f"{name} is empty; {hint}", at_key=True)
    if expected_text and kind in ("model_type", "model_attributes_type", "dict_type"):
        return located.problem(path, f"{name}: expected a text per language, found {_describe(value)}; "
                                     f"write it as nl: \"...\" and fr: \"...\" below {name.split('.')[-1]}:")
    if kind == "extra_forbidden":
        field = str(loc[-1])
        owner = field_model(model, loc)
        allowed = sorted(owner.model_fields) if owner else []
        close = get_close_matches(field, allowed, n=1, cutoff=0.6)
        if owner is not None and owner.__name__ in _TEXT_TYPES:
            hint = "use nl, fr, de or en"
        elif close:
            hint = f'did you mean "{close[0]}"?'
        else:
            hint = f"remove it or use one of: {', '.join(allowed)}"
        return located.problem((*path,), f'unknown field "{field}"; {hint}', at_key=True)
    if kind == "list_type" and isinstance(value, dict) and value and set(value) <= _LANGUAGES:
        first, *others = list(value)
        shown = " and ".join(f'"{o}:"' for o in others)
        below = f'indent {shown} 2 spaces more, to line up with "{first}:"'
        return located.problem(path, f'{name}: expected a list, found one text; to make it the first item, write '
                                     f'"- " before "{first}:" and {below}' if others else
                                     f'{name}: expected a list, found one text; write "- " before "{first}:"')
    message = _message(kind, err, value)
    return located.problem(path, f"{name}: {message}")


def _message(kind: str, err: dict[str, Any], value: Any) -> str:
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        text = str(ctx.get("error", err["msg"]))
        return text
    if kind == "string_type":
        hint = "put it in double quotes" if isinstance(value, bool) else "write a single text"
        return f"expected a text, found {_describe(value)}; {hint}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields (key: value lines), found {_describe(value)}; indent the fields below it"
    if kind == "list_type":
        return f'expected a list, found {_describe(value)}; write one item per line starting with "- "'
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", '"')
        options = [o.strip().strip('"') for o in expected.replace(" or ", ", ").split(",")]
        close = get_close_matches(str(value), options, n=1)
        if close:
            return f'{_describe(value)} is not allowed here; did you mean "{close[0]}"?'
        return f"{_describe(value)} is not allowed here; use one of: {expected}"
    if kind == "too_short":
        return "the list is empty; add at least one item"
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} has the wrong format; check the example in the schema"
    if kind in ("int_parsing", "int_type"):
        return f"expected a whole number, found {_describe(value)}; write digits only"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {_describe(value)}; write true or false"
    return f"{err['msg']}; check this value"
