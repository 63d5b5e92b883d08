"""Turn pydantic validation errors into located, plain-language problems."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from privacy_site.model.placement import field_model, inner, misplaced_fields
from privacy_site.source.messages import Msg, about, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located, Path_

M = TypeVar("M", bound=BaseModel)

_TEXT_TYPES = {"Text", "RichText"}
_LANGUAGES = frozenset({"nl", "fr", "de", "en"})
# Fields the model itself requires because GDPR does: name the article in the message.
_ARTICLES = {
    ("Organisation", "name"): msg("GDPR art. 13(1)(a)"),
    ("Organisation", "address"): msg("GDPR art. 13(1)(a)"),
    ("Organisation", "privacy_contact"): msg("GDPR art. 13(1)(a)"),
    ("PrivacyStatement", "introduction"): msg("GDPR art. 12(1)"),
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


def _describe(value: Any) -> Msg:
    if value is None:
        return msg("nothing (an empty value)")
    if isinstance(value, bool):
        return msg("the yes/no value {value}", value=str(value).lower())
    if isinstance(value, list):
        return msg("a list")
    if isinstance(value, dict):
        return msg("a mapping of fields")
    return msg('"{value}"', value=value)


def _either(options: list[str]) -> str:
    """`"a", "b" or "c"`: values the editor can write (shown as they are), with "or" in the editor's language."""
    if len(options) < 2:
        return "".join(options)
    return msg("{items} or {last}", items=", ".join(options[:-1]), last=options[-1])


def _both(options: list[str]) -> str:
    """`"a", "b" and "c"`, with "and" in the editor's language."""
    if len(options) < 2:
        return "".join(options)
    return msg("{items} and {last}", items=", ".join(options[:-1]), last=options[-1])


def _name(located: Located, path: Path_) -> str:
    """The field at path as the editor wrote it (`processing "chatbot" → retention`), or the file itself."""
    return located.field(path) or msg("the file")


def _missing(model: type[BaseModel], located: Located, loc: tuple[Any, ...], path: Path_, field: str) -> Problem:
    owner = field_model(model, loc)
    if owner is not None and owner.__name__ in _TEXT_TYPES:
        return located.problem(path, about(_name(located, path), msg(
            'the {field} translation is missing; add "{field}: ..."', field=field)))
    options = _literal_options(_field_annotation(model, loc))
    if options:
        hint = msg("add {options}", options=_either([f'"{field}: {o}"' for o in options]))
    elif _is_text(_field_annotation(model, loc)):
        hint = msg('add "{field}:" with the text below it as nl: ... and fr: ...', field=field)
    else:
        hint = msg('add "{field}:"', field=field)
    article = _ARTICLES.get((owner.__name__ if owner else "", field))
    message = (msg('required field "{field}" is missing ({article}); {hint}', field=field, article=article, hint=hint)
               if article else msg('required field "{field}" is missing; {hint}', field=field, hint=hint))
    return located.problem(path, about(_name(located, path), message) if path else message, at_key=bool(path))


def _unknown(model: type[BaseModel], located: Located, loc: tuple[Any, ...], path: Path_) -> Problem:
    field = str(loc[-1])
    owner = field_model(model, loc)
    allowed = sorted(owner.model_fields) if owner else []
    close = get_close_matches(field, allowed, n=1, cutoff=0.6)
    if owner is not None and owner.__name__ in _TEXT_TYPES:
        message = msg('unknown field "{field}"; use nl, fr, de or en', field=field)
    elif close:
        message = msg('unknown field "{field}"; did you mean "{close}"?', field=field, close=close[0])
    else:
        message = msg('unknown field "{field}"; remove it or use one of: {fields}', field=field,
                      fields=", ".join(allowed))
    return located.problem((*path,), message, at_key=True)


def _problem(model: type[BaseModel], located: Located, err: dict[str, Any]) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    path, last = _yaml_path(located, loc)
    value = err.get("input")
    name = _name(located, path)
    if kind == "missing":
        return _missing(model, located, loc, path, str(last))
    expected_text = _is_text(_field_annotation(model, loc))
    if value is None and kind in ("model_type", "model_attributes_type", "dict_type", "string_type",
                                  "list_type", "missing"):
        return located.problem(path, msg("{field} is empty; write the text below it as nl: ... and fr: ...", field=name)
                               if expected_text else msg("{field} is empty; fill it in or remove the line", field=name),
                               at_key=True)
    if expected_text and kind in ("model_type", "model_attributes_type", "dict_type"):
        key = next((seg for seg in reversed(path) if isinstance(seg, str)), "")
        return located.problem(path, about(name, msg(
            'expected a text per language, found {found}; write it as nl: "..." and fr: "..." below {key}:',
            found=_describe(value), key=key)))
    if kind == "extra_forbidden":
        return _unknown(model, located, loc, path)
    if kind == "list_type" and isinstance(value, dict) and value and set(value) <= _LANGUAGES:
        first, *others = list(value)
        if others:
            return located.problem(path, about(name, msg(
                'expected a list, found one text; to make it the first item, write "- " before "{first}:" and indent '
                '{others} 2 spaces more, to line up with "{first}:"', first=first,
                others=_both([f'"{o}:"' for o in others]))))
        return located.problem(path, about(name, msg('expected a list, found one text; write "- " before "{first}:"',
                                                     first=first)))
    return located.problem(path, about(name, _message(kind, err, value)))


def _message(kind: str, err: dict[str, Any], value: Any) -> str:
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        said = error.args[0] if isinstance(error, BaseException) and error.args else None
        return said if isinstance(said, Msg) else str(error if error is not None else err["msg"])
    found = _describe(value)
    if kind == "string_type":
        if isinstance(value, bool):
            return msg("expected a text, found {found}; put it in double quotes", found=found)
        return msg("expected a text, found {found}; write a single text", found=found)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return msg("expected a mapping of fields (key: value lines), found {found}; indent the fields below it",
                   found=found)
    if kind == "list_type":
        return msg('expected a list, found {found}; write one item per line starting with "- "', found=found)
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", '"')
        options = [o.strip().strip('"') for o in expected.replace(" or ", ", ").split(",")]
        close = get_close_matches(str(value), options, n=1)
        if close:
            return msg('{found} is not allowed here; did you mean "{close}"?', found=found, close=close[0])
        return msg("{found} is not allowed here; use one of: {options}", found=found,
                   options=_either([f'"{o}"' for o in options]))
    if kind == "too_short":
        return msg("the list is empty; add at least one item")
    if kind == "string_pattern_mismatch":
        return msg("{found} has the wrong format; check the example in the schema", found=found)
    if kind in ("int_parsing", "int_type"):
        return msg("expected a whole number, found {found}; write digits only", found=found)
    if kind in ("bool_type", "bool_parsing"):
        return msg("expected true or false, found {found}; write true or false", found=found)
    return msg("{error}; check this value", error=err["msg"])
