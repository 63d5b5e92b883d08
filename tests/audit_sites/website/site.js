// Planted mistakes of a website with a consent banner, before the visitor answers it:
// an analytics cookie set at once (declared, but it needs consent first), and a script
// loaded from another host ("localhost" on the same port: another host for the browser).
document.cookie = "_ga=GA1.1.123456789.1700000000; max-age=34128000; path=/; SameSite=Lax";
const tracker = document.createElement("script");
tracker.src = "http://localhost:" + location.port + "/tracker.js";
document.head.appendChild(tracker);
