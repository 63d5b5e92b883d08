"""Commands for editors, reviewers and CI: the CLI, audit, summary, editing, link check, local server."""
