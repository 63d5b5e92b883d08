/* Remembers the language for an hour: a declared first-party cookie. */
document.cookie = "privacy-site-lang=" + document.documentElement.lang + "; max-age=3600; path=/; SameSite=Lax";
