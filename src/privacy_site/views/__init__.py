"""The page plan and, per language, what every page shows (views, templates, change lists)."""
