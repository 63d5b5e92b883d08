"""Fields indented into the wrong place: reported as an indentation mistake, not as an unknown field.

A field whose indentation makes it land in another part is unknown there: `request_form:` indented under
`privacy_contact:`, or `legal_basis:` pasted at the start of the line after the last activity. When the
field belongs to an enclosing part (indented too deep) or to the part just above it (not indented enough),
the editor is told that, with the column to use; the problems that only follow from it (the fields below it
that became unknown, the field now missing where it belongs) are left out.
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

from pydantic import BaseModel

from privacy_site.source.messages import Msg, msg
from privacy_site.source.problems import Problem
from privacy_site.source.yamlsrc import Located, Path_


def inner(annotation: Any) -> Any:
    """Unwrap Optional[...] / list[...] / Annotated[...] to the model class inside."""
    seen = 0
    while seen < 10:
        seen += 1
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args or get_origin(annotation) is None:
            return annotation
        annotation = args[0]
    return annotation


def field_model(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last segment of loc (to list its fields)."""
    current: Any = model
    for seg in loc[:-1]:
        if isinstance(seg, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or seg not in fields:
            return None
        current = inner(fields[seg].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _at(data: Any, path: Path_) -> Any:
    for seg in path:
        if isinstance(data, dict) and seg in data or isinstance(data, list) and isinstance(seg, int) \
                and 0 <= seg < len(data):
            data = data[seg]
        else:
            return None
    return data


def _spaces(n: int) -> Msg:
    return msg("1 space") if n == 1 else msg("{n} spaces", n=n)


def _belongs(model: type[BaseModel], path: Path_, field: str, data: Any) -> type[BaseModel] | None:
    """The model of the mapping at `path` when `field` is one of its fields and is not there yet."""
    owner = field_model(model, (*path, field))
    if owner is None or field not in owner.model_fields or not isinstance(data, dict) or field in data:
        return None
    return owner


def _too_deep(model: type[BaseModel], located: Located, parent: Path_, field: str) -> tuple[Problem, Path_] | None:
    line, col = located.key_pos[(*parent, field)]
    for depth in range(len(parent) - 1, -1, -1):
        outer = parent[:depth]
        container = _at(located.data, outer)
        if _belongs(model, outer, field, container) is None or not isinstance(parent[depth], str):
            continue
        ref = parent[depth]
        ref_line, ref_col = located.key_pos[(*outer, ref)]
        if ref_col >= col:
            return None
        holder = next((i for i in range(len(parent) - 1, -1, -1) if isinstance(parent[i], str)), depth)
        holder_name, holder_line = parent[holder], located.key_pos[parent[:holder + 1]][0]
        spaces = _spaces(col - ref_col)
        if ref == holder_name:
            message = msg('"{field}:" is indented {spaces} too deep, so it is read as part of "{holder}:" (line '
                          '{holder_line}); start it in column {col}, like "{ref}:"', field=field, spaces=spaces,
                          holder=holder_name, holder_line=holder_line, col=ref_col, ref=ref)
        else:
            message = msg('"{field}:" is indented {spaces} too deep, so it is read as part of "{holder}:" (line '
                          '{holder_line}); start it in column {col}, like "{ref}:" on line {ref_line}', field=field,
                          spaces=spaces, holder=holder_name, holder_line=holder_line, col=ref_col, ref=ref,
                          ref_line=ref_line)
        return Problem(located.file, line, col, message), outer
    return None


def _too_shallow(model: type[BaseModel], located: Located, parent: Path_, field: str) -> tuple[Problem, Path_] | None:
    container = _at(located.data, parent)
    keys = list(container) if isinstance(container, dict) else []
    if field not in keys or keys.index(field) == 0:
        return None
    previous = keys[keys.index(field) - 1]
    line, col = located.key_pos[(*parent, field)]
    path: Path_ = (*parent, previous)
    value = container[previous]
    owner = field_model(model, (*path, field))
    if value is None and owner is not None and field in owner.model_fields:  # "previous:" left empty above it
        owner_line, owner_col = located.key_pos[path]
        if owner_col == col:
            return Problem(located.file, line, col, msg(
                '"{field}:" is not indented under "{previous}:" (line {line}), so "{previous}" is empty; indent it '
                "(with the lines that belong to it) 2 spaces more, to column {col}", field=field, previous=previous,
                line=owner_line, col=col + 2)), path
    for _ in range(50):
        if isinstance(value, dict) and value and _belongs(model, path, field, value) is not None:
            last = next(reversed(value))
            ref_line, ref_col = located.key_pos[(*path, last)]
            if ref_col <= col:
                return None
            return Problem(located.file, line, col, msg(
                '"{field}:" is indented {spaces} less than "{last}:" on line {ref_line}, so it is not read as part of '
                '"{previous}:" (line {previous_line}); start it in column {col}, like "{last}:"', field=field,
                spaces=_spaces(ref_col - col), last=last, ref_line=ref_line, previous=previous,
                previous_line=located.key_pos[(*parent, previous)][0], col=ref_col)), path
        if isinstance(value, dict) and value:
            step: str | int = next(reversed(value))
        elif isinstance(value, list) and value:
            step = len(value) - 1
        else:
            return None
        value, path = value[step], (*path, step)
    return None


def _elsewhere(model: type[BaseModel], located: Located, parent: Path_, field: str) -> tuple[Problem, Path_] | None:
    """A field of another part, written further down (pasted at the end of the file): the nearest part above."""
    line, col = located.key_pos[(*parent, field)]
    best: tuple[int, Path_, str] | None = None
    stack: list[tuple[Path_, Any]] = [((), located.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
        if not isinstance(value, dict) or not value:
            continue
        stack.extend(((*path, key), item) for key, item in value.items())
        last = next(reversed(value))
        last_line = located.key_pos[(*path, last)][0]
        if path != parent and last_line < line and (best is None or last_line > best[0]) \
                and _belongs(model, path, field, value) is not None:
            best = (last_line, path, last)
    if best is None:
        return None
    last_line, path, last = best
    last_col = located.key_pos[(*path, last)][1]
    item = _at(located.data, path)
    in_list = len(path) > 1 and isinstance(path[-1], int) and isinstance(item.get("id"), str)
    named: str = f'{path[-2]} "{item["id"]}"' if in_list else f'"{path[-1]}"' if path else msg("the file")
    here: str = next((f'"{seg}"' for seg in reversed(parent) if isinstance(seg, str)), msg("the whole file"))
    return Problem(located.file, line, col, msg(
        '"{field}:" is not a field of {here}; it belongs to {named}, which ends on line {last_line}: move it there '
        'and start it in column {col}, like "{last}:"', field=field, here=here, named=named, last_line=last_line,
        col=last_col, last=last)), path


def misplaced_fields(model: type[BaseModel], located: Located,
                     errors: list[dict[str, Any]]) -> tuple[list[Problem], set[int]]:
    """The indentation mistakes behind unknown fields, and the indices of the errors they explain."""
    problems: list[Problem] = []
    explained: set[int] = set()
    for i, err in enumerate(errors):
        loc = tuple(err["loc"])
        if err["type"] != "extra_forbidden" or i in explained or not loc or not isinstance(loc[-1], str):
            continue
        parent, field = loc[:-1], loc[-1]
        if (*parent, field) not in located.key_pos:
            continue
        found = (_too_deep(model, located, parent, field) or _too_shallow(model, located, parent, field)
                 or _elsewhere(model, located, parent, field))
        if found is None:
            continue
        problem, home = found
        problems.append(problem)
        explained.add(i)
        moved = inner(field_model(model, (*home, field)).model_fields[field].annotation)  # type: ignore[union-attr]
        below = moved.model_fields if isinstance(moved, type) and issubclass(moved, BaseModel) else {}
        for j, other in enumerate(errors):
            other_loc = tuple(other["loc"])
            if other["type"] == "missing" and other_loc == (*home, field):
                explained.add(j)  # missing where it belongs: it is there, misplaced
            elif other_loc == home and other.get("input", ...) is None:
                explained.add(j)  # empty: what belongs in it is below it, not indented
            elif other["type"] == "extra_forbidden" and other_loc[:-1] == parent and other_loc[-1] in below \
                    and located.key_pos.get(other_loc, (0, 0))[0] > problem.line:
                explained.add(j)  # its own fields, which followed it to the wrong place
    return problems, explained
