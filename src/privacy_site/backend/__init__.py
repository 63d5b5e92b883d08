"""MkDocs: the only package that imports mkdocs; it receives finished pages."""
