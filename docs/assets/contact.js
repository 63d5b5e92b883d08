/* privacy-site request form. Without this script the form still works: it posts to the endpoint
   (urlencoded) or opens an e-mail. With it: localized validation, a JSON POST with a timeout, a
   confirmation only when the endpoint confirmed, an honest message when the answer did not come in time,
   and a prefilled e-mail fallback short enough for common mail programs (RFC 6068 line breaks).
   Events on the form: "privacy-request:submitted" and "privacy-request:failed" (detail: payload and
   reason: "status NNN", "network" or "timeout"; after a timeout the request may have arrived).
   Nothing is stored in the browser. The endpoint's side: docs/form-endpoint.md. */
(function () {
  "use strict";

  function setup(form) {
    var data = form.dataset;
    var status = form.querySelector(".ps-status");
    var fallback = form.querySelector(".ps-mail-fallback");
    var button = form.querySelector("button[type=submit]");
    var pending = false;
    form.noValidate = true; // our messages are in the page's language; the browser's are not

    function field(name) { return form.elements.namedItem(name); }

    function setError(name, message) {
      var input = field(name);
      var slot = form.querySelector("#ps-" + (name === "request_type" ? "type" : name) + "-error");
      if (slot) slot.textContent = message || "";
      if (input) {
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    }

    function validate() {
      var problems = [];
      var checks = [
        ["request_type", field("request_type").value ? "" : data.msgType],
        ["name", field("name").value.trim() ? "" : data.msgRequired],
        ["email", !field("email").value.trim() ? data.msgRequired
          : (/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(field("email").value.trim()) ? "" : data.msgEmail)],
        ["message", field("message").value.trim() ? "" : data.msgRequired]
      ];
      checks.forEach(function (check) {
        setError(check[0], check[1]);
        if (check[1]) problems.push(check[0]);
      });
      return problems;
    }

    function payload() {
      var reference = field("reference").value.trim();
      return {
        organisation: field("organisation").value,
        language: field("language").value,
        request_type: field("request_type").value,
        name: field("name").value.trim(),
        email: field("email").value.trim(),
        message: field("message").value.trim(),
        reference: reference || null,
        statement_version: field("statement_version").value,
        submitted_at: new Date().toISOString()
      };
    }

    // Mail programs and browsers do not all accept long mailto: links; about 2,000 characters is safe.
    var MAX_MAILTO = 2000;

    function codePoints(text) { // whole characters: a cut never splits one, lone surrogates become U+FFFD
      return Array.from(text.replace(/\r\n?/g, "\n"), function (c) {
        return c.length === 1 && c >= "\ud800" && c <= "\udfff" ? "\ufffd" : c;
      });
    }

    function encodeBody(chars) { // RFC 6068: line breaks as %0D%0A
      return chars.join("").split("\n").map(encodeURIComponent).join("%0D%0A");
    }

    function mailtoHref(body, notes) {
      var select = field("request_type");
      var type = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
      var lines = (notes || []).concat([
        data.msgTypeLabel + ": " + type,
        data.msgNameLabel + ": " + body.name,
        data.msgEmailLabel + ": " + body.email
      ]);
      if (body.reference) lines.push(data.msgReferenceLabel + ": " + body.reference);
      lines.push("", body.message);
      var start = "mailto:" + data.mailto + "?subject=" + encodeURIComponent(data.msgSubject) + "&body=";
      var chars = codePoints(lines.join("\n"));
      var href = start + encodeBody(chars);
      if (href.length <= MAX_MAILTO) return { href: href, shortened: false };
      var ending = codePoints(" …\n\n" + data.msgShortenedNote);
      var budget = MAX_MAILTO - start.length - encodeBody(ending).length;
      var kept = [];
      for (var i = 0; i < chars.length; i++) {
        var size = chars[i] === "\n" ? 6 : encodeURIComponent(chars[i]).length;
        if (size > budget) break;
        budget -= size;
        kept.push(chars[i]);
      }
      return { href: start + encodeBody(kept.concat(ending)), shortened: true };
    }

    function offerMail(body, notes) {
      if (!fallback || !data.mailto) return;
      var mail = mailtoHref(body, notes);
      fallback.querySelector("a").href = mail.href;
      fallback.querySelector(".ps-mail-shortened").hidden = !mail.shortened;
      fallback.hidden = false;
    }

    function say(message, kind) {
      status.textContent = message;
      status.className = "ps-status" + (kind ? " ps-status--" + kind : "");
    }

    function announce(name, detail) {
      form.dispatchEvent(new CustomEvent("privacy-request:" + name, { bubbles: true, detail: detail }));
    }

    function finish() {
      pending = false;
      button.disabled = false;
      form.removeAttribute("aria-busy");
    }

    function fail(body, reason) {
      finish();
      if (reason === "timeout") { // it may have arrived: say so, and how not to send it twice
        say(data.msgTimeout, "warning");
        offerMail(body, [data.msgMaybeSent, ""]);
      } else {
        say(data.msgFailed, "error");
        offerMail(body);
      }
      announce("failed", { payload: body, reason: reason });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (pending) return; // no double submission
      var problems = validate();
      if (problems.length) {
        var first = field(problems[0]);
        if (first && first.focus) first.focus();
        return;
      }
      var body = payload();
      if (field("website").value) { // the trap for robots: nothing is sent, and the page never says otherwise
        say(data.msgNotSent, "error");
        offerMail(body);
        return;
      }
      if (data.mode === "mailto") {
        var mail = mailtoHref(body);
        var hint = mail.shortened ? " " + fallback.querySelector(".ps-mail-shortened").textContent : "";
        say(data.msgMailOpened + hint, "ok");
        window.location.href = mail.href;
        announce("submitted", { payload: body, via: "mailto" });
        return;
      }
      pending = true;
      button.disabled = true;
      form.setAttribute("aria-busy", "true");
      say(data.msgSending, "");
      var controller = new AbortController();
      var timer = setTimeout(function () { controller.abort(); }, parseInt(data.timeout, 10) || 20000);
      fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
        signal: controller.signal
      }).then(function (response) {
        clearTimeout(timer);
        if (!response.ok) { fail(body, "status " + response.status); return; }
        finish();
        say(data.msgSent, "ok");
        if (fallback) fallback.hidden = true;
        form.reset(); // sent and confirmed: nothing typed is lost
        announce("submitted", { payload: body, via: "endpoint", status: response.status });
      }, function (error) {
        clearTimeout(timer);
        fail(body, error && error.name === "AbortError" ? "timeout" : "network");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-privacy-request]"), setup);
  });
})();
