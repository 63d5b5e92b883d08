"""privacy-site: verified, multilingual privacy and cookie statements from YAML."""

__version__ = "0.2.0"
