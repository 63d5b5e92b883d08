"""Data categories a statement declares once, with their definitions, and that its activities name by id."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from privacy_site.model import vocab
from privacy_site.model.fields import Slug
from privacy_site.model.text import RichText, Text
from privacy_site.source.messages import msg


class DataCategory(BaseModel):
    """A category of data with what it covers, e.g. "salary data: gross and net pay, bonuses, deductions"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Text = Field(description="its short name, as activities and the summary show it")
    definition: RichText = Field(description="what it covers, shown once in the statement")


def with_declared_categories(data: Any) -> Any:
    """Statement data where activities name a declared category by id: the id becomes the category's name."""
    if not isinstance(data, dict) or not isinstance(data.get("data_categories"), list):
        return data
    names = {c["id"]: c.get("name") for c in data["data_categories"]
             if isinstance(c, dict) and isinstance(c.get("id"), str) and c["id"] not in vocab.DATA}
    if not names:
        return data
    named = dict(data)
    for part in ("processing", "as_processor"):  # activities of its own, and those done for clients
        if not isinstance(data.get(part), list):
            continue
        activities = []
        for activity in data[part]:
            if isinstance(activity, dict):
                activity = {**activity, **{field: [names.get(item, item) if isinstance(item, str) else item
                                                  for item in activity[field]]
                                           for field in ("data", "optional_data")
                                           if isinstance(activity.get(field), list)}}
            activities.append(activity)
        named[part] = activities
    return named


def check_category_ids(categories: list[DataCategory]) -> list[DataCategory]:
    """Declared ids are unique and never a standard term's (which would make a name ambiguous)."""
    seen: set[str] = set()
    for category in categories:
        if category.id in vocab.DATA:
            raise ValueError(msg('"{id}" is a standard data category; give your own category another id',
                                 id=category.id))
        if category.id in seen:
            raise ValueError(msg('the data category "{id}" is declared twice; declare each once', id=category.id))
        seen.add(category.id)
    return categories
