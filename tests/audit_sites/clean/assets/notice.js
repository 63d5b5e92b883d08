/* The cookie notice: closing it stores the one declared localStorage key. */
(function () {
  var KEY = "privacy-site:notice";
  if (localStorage.getItem(KEY)) document.documentElement.classList.add("notice-closed");
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-privacy-notice-close]").forEach(function (button) {
      button.addEventListener("click", function () {
        localStorage.setItem(KEY, JSON.stringify({ closed: Date.now() }));
        document.documentElement.classList.add("notice-closed");
      });
    });
  });
})();
