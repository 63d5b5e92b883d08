"""Languages: gettext catalogs of the interface, dates and language names through Babel."""
