// The blog editor: suggests a slug from the title, and uploads images and inserts their Markdown at the cursor.
(function () {
  function slugOf(title) {
    return title.replace(/ß/g, "ss").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100).replace(/-+$/, "");
  }

  function csrfHeaders() {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    var headers = {};
    if (header && token) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start), after = textarea.value.slice(end);
    var block = (before && !before.endsWith("\n") ? "\n" : "") + text + "\n";
    textarea.value = before + block + after;
    textarea.selectionStart = textarea.selectionEnd = start + block.length;
    textarea.dispatchEvent(new Event("input", {bubbles: true}));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var title = document.getElementById("title");
    var slug = document.getElementById("slug");
    if (title && slug && slug.dataset.suggest === "true") {
      slug.addEventListener("input", function () { slug.dataset.suggest = "false"; });
      title.addEventListener("input", function () {
        if (slug.dataset.suggest === "true") {
          slug.value = slugOf(title.value);
        }
      });
    }
    var form = document.getElementById("image-form");
    var body = document.getElementById("body");
    if (!form || !body) {
      return;
    }
    var status = document.getElementById("image-status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      status.textContent = "";
      fetch(form.action, {method: "POST", body: new FormData(form), headers: csrfHeaders(), credentials: "same-origin"})
        .then(function (response) {
          return response.json().then(function (answer) { return {ok: response.ok, answer: answer}; });
        })
        .then(function (result) {
          if (result.ok) {
            insertAtCursor(body, result.answer.markdown);
            status.textContent = status.dataset.done;
            form.reset();
            body.focus();
          } else {
            status.textContent = result.answer.error || status.dataset.failed;
          }
        })
        .catch(function () { status.textContent = status.dataset.failed; });
    });
  });
})();
