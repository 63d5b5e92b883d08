"""Whole-site files: feeds, sitemaps, policies.json and security headers."""
