"""The typed model of organisations and their statements, built from located YAML."""
