"""The preview lists the theme's files without walking its hidden folders (Material's 14,000 icons).

Before every language pass, MkDocs asks the theme's Jinja loader for every file under the theme's folders and
keeps the visible ones as static files (mkdocs.structure.files.Files.add_files_from_theme drops every name with
a part that starts with a dot). Material keeps its icons in `.icons`: listing and filtering them took a quarter
of a second per rebuild of the preview, three passes each. The loader below lists the same visible files and
loads every template, icons included, as MkDocs' own loader does; tests/test_theme_listing.py pins that the
theme's files MkDocs copies stay the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import jinja2
from mkdocs.theme import Theme


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """MkDocs' theme loader whose listing leaves out hidden folders and files (which MkDocs discards anyway)."""

    def list_templates(self) -> list[str]:
        """The theme's files, as FileSystemLoader lists them, without any under a name that starts with a dot."""
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath)
                for name in names:
                    if name.startswith("."):
                        continue
                    path = name if relative == "." else os.path.join(relative, name)
                    found.add(path.replace(os.path.sep, "/"))
        return sorted(found)


def list_visible_files_only(theme: Theme) -> None:
    """Make the Jinja environments the theme gives MkDocs list their files with VisibleFilesLoader.

    Theme.get_env has no option for its loader; the instance's method is wrapped (once: MkDocs runs the config
    event again for each language pass) and the environment's public `loader` replaced before anything loads.
    """
    if "get_env" in vars(theme):
        return
    original: Callable[[], jinja2.Environment] = theme.get_env

    def get_env() -> jinja2.Environment:
        env = original()
        env.loader = VisibleFilesLoader(theme.dirs)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
