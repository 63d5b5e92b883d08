document.cookie = "tracker=abc123; path=/";
