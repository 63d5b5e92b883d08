/* privacy-site search worker. Material's search box talks to it with Material's worker protocol
   (0 setup, 1 ready, 2 query, 3 result); it answers with Pagefind. Nothing but this file is
   loaded before the first query: then Pagefind, its WebAssembly, the language's index chunks
   for the words typed and the excerpts of the first results.
   The URL fragment names the languages to search ("#nl", "#fr", "#nl+fr" on the bilingual pages). */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_RESULTS = 10;
var languages = (self.location.hash.slice(1) || "nl").split("+");
var root = new URL("../", self.location.href); // this file is <site>/assets/search-worker.js
var engine = null;
var latest = 0;

function pagefind() {
  if (engine === null) {
    var bundle = function (lang) { return new URL(lang + "/pagefind/", root).href; };
    engine = import(bundle(languages[0]) + "pagefind.js").then(function (module) {
      return module.options({ baseUrl: root.pathname }).then(function () {
        return Promise.all(languages.slice(1).map(function (lang) { return module.mergeIndex(bundle(lang)); }));
      }).then(function () { return module; });
    });
  }
  return engine;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function search(query) {
  var terms = {};
  query.toLowerCase().split(/\s+/).filter(Boolean).forEach(function (term) { terms[term] = true; });
  return pagefind().then(function (module) {
    return module.debouncedSearch(query, {}, 150); // null when a newer query came within 150 ms
  }).then(function (found) {
    if (found === null) return null;
    var results = found.results.slice(0, MAX_RESULTS);
    return Promise.all(results.map(function (result) { return result.data(); })).then(function (pages) {
      return pages.map(function (page, i) {
        return [{
          location: page.url,
          title: escapeHtml(page.meta.title || page.url),
          text: page.excerpt, // Pagefind escapes the text and adds <mark> around the matches
          score: results[i].score,
          terms: terms
        }];
      });
    });
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var ticket = ++latest;
    var query = String(message.data || "").trim();
    (query ? search(query) : Promise.resolve([])).catch(function (error) {
      console.warn("Search failed:", error);
      return [];
    }).then(function (items) {
      if (items !== null && ticket === latest) postMessage({ type: RESULT, data: { items: items } });
    });
  }
});
