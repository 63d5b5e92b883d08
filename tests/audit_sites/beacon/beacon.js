/* A beacon to the same server under another name: another origin, so it must be blocked and reported. */
new Image().src = "http://localhost:" + location.port + "/beacon.png?page=" + encodeURIComponent(location.pathname);
