/* privacy-site request form. Without this script the form still works: it posts to the endpoint
   (urlencoded) or opens an e-mail. With it: localized validation, a JSON POST with a timeout, a
   confirmation or an error that keeps every typed value, and a prefilled e-mail fallback.
   Events on the form: "privacy-request:submitted" and "privacy-request:failed" (detail: payload).
   Nothing is stored in the browser. */
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

    function mailtoHref(body) {
      var select = field("request_type");
      var type = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
      var lines = [
        data.msgTypeLabel + ": " + type,
        data.msgNameLabel + ": " + body.name,
        data.msgEmailLabel + ": " + body.email
      ];
      if (body.reference) lines.push(data.msgReferenceLabel + ": " + body.reference);
      lines.push("", body.message);
      return "mailto:" + data.mailto + "?subject=" + encodeURIComponent(data.msgSubject) +
        "&body=" + encodeURIComponent(lines.join("\n"));
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
      say(data.msgFailed, "error");
      if (fallback && data.mailto) {
        fallback.querySelector("a").href = mailtoHref(body);
        fallback.hidden = false;
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
      if (field("website").value) { // honeypot: a person never fills it in
        say(data.msgSent, "ok");
        return;
      }
      if (data.mode === "mailto") {
        say(data.msgMailOpened, "ok");
        window.location.href = mailtoHref(body);
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
