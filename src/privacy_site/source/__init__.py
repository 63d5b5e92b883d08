"""Reading policy files: safe YAML with positions, and the problems reported to editors."""
