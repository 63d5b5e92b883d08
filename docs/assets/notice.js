/* privacy-site cookie notice. Loaded in <head> so a closed notice is hidden before the first paint.
   Stores one declared item: localStorage "privacy-site:notice" = {"closed": <ms since epoch>},
   forgotten after a year (the duration the cookie statement declares). */
(function () {
  "use strict";
  var KEY = "privacy-site:notice";
  var MAX_AGE = 366 * 24 * 3600 * 1000;
  var root = document.documentElement;

  function closedAt() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY));
      return value && typeof value.closed === "number" ? value.closed : null;
    } catch (e) {
      return null; // storage blocked or value unreadable: show the notice
    }
  }

  var at = closedAt();
  if (at !== null && Date.now() - at < MAX_AGE) {
    root.classList.add("ps-notice-closed");
  } else if (at !== null) {
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
  }
  root.classList.add("ps-js");
  // Material switches "no-js" to "js" at the end of the body, after the first paint, which moves
  // the header's search box into place: doing it here keeps the first paint final (no layout shift).
  root.classList.remove("no-js");
  root.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-privacy-notice-close]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        try { window.localStorage.setItem(KEY, JSON.stringify({ closed: Date.now() })); } catch (e) { /* session only */ }
        root.classList.add("ps-notice-closed");
        // Focus would be lost with the button: continue where the page's content starts.
        var target = document.querySelector(".md-content") || document.body;
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      });
    });
  });
})();
