document.cookie = "prefs=compact; max-age=172800; path=/; SameSite=Lax";
