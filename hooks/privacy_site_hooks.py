"""MkDocs hooks: forward events to privacy_site.backend.mkdocs_adapter (no state here)."""

from mkdocs.plugins import event_priority

from privacy_site.backend import mkdocs_adapter

on_startup = mkdocs_adapter.on_startup
on_build_error = mkdocs_adapter.on_build_error
on_serve = mkdocs_adapter.on_serve
on_config = event_priority(-110)(mkdocs_adapter.on_config)  # after mkdocs-static-i18n (-100)
on_files = event_priority(-110)(mkdocs_adapter.on_files)  # after mkdocs-static-i18n (-100)
on_env = mkdocs_adapter.on_env
on_page_markdown = mkdocs_adapter.on_page_markdown
on_page_context = event_priority(-50)(mkdocs_adapter.on_page_context)  # after the plugin's switcher (50)
on_post_build = event_priority(-110)(mkdocs_adapter.on_post_build)  # after the i18n plugin built every language
on_template_context = event_priority(-50)(mkdocs_adapter.on_template_context)
on_post_page = event_priority(-110)(mkdocs_adapter.on_post_page)  # last: the final HTML gets its policy
on_post_template = event_priority(-110)(mkdocs_adapter.on_post_template)
