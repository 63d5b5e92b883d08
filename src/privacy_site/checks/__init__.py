"""The law and the checks: GDPR items, translations, cookies, locks; loading a whole policies folder."""
