document.cookie = "visitor=1; max-age=2592000; path=/; SameSite=Lax";
