// Sends the CSRF token with every htmx request (the pages' forms carry it as a hidden field).
document.addEventListener("htmx:configRequest", function (event) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});

// Search page: a changed filter searches at once (the "Apply filters" button does the same without script), and the
// focus comes back to the control that was changed after the page reloads, so keyboard users keep their place.
document.addEventListener("change", function (event) {
  var control = event.target;
  if (!control.hasAttribute || !control.hasAttribute("data-auto-submit") || !control.form) {
    return;
  }
  try {
    sessionStorage.setItem("baton-search-focus", control.id);
  } catch (e) {
    // storage may be off; the search still runs
  }
  control.form.requestSubmit();
});
document.addEventListener("DOMContentLoaded", function () {
  // on a phone the filter panel starts closed unless a filter is in use, so the results come first on the screen
  if (window.matchMedia("(max-width: 700px)").matches) {
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (panel) {
      if (!panel.querySelector("input:checked:not([name=scope]), select[name=updated_within] option:checked:not([value=''])")) {
        panel.removeAttribute("open");
      }
    });
  }
  var id = null;
  try {
    id = sessionStorage.getItem("baton-search-focus");
    sessionStorage.removeItem("baton-search-focus");
  } catch (e) {
    id = null;
  }
  var control = id && document.getElementById(id);
  if (!control && (!document.activeElement || document.activeElement === document.body)) {
    // a page's main input (the rep's search box on an empty search page) takes the focus, as autofocus would
    control = document.querySelector("[autofocus]");
  }
  if (control) {
    // a facet's values fold away when none is in use: open its groups so the control can take the focus
    for (var group = control.closest && control.closest("details"); group; group = group.parentElement
        && group.parentElement.closest("details")) {
      group.open = true;
    }
    control.focus();
  }
});

// Search page: the URL a search submits names only what differs from the defaults (an empty box, best match, any
// time), so shared and bookmarked links stay short and readable. The server reads a missing value as its default.
document.addEventListener("formdata", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-search-form")) {
    return;
  }
  var data = event.formData;
  var defaults = { q: "", sort: "relevance", updated_within: "" };
  Object.keys(defaults).forEach(function (name) {
    if (data.has(name) && String(data.get(name)).trim() === defaults[name]) {
      data.delete(name);
    }
  });
});

// A button with data-confirm asks before its form is sent (revoking a token cannot be undone); without script the
// form is sent as it is.
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var question = button && button.getAttribute && button.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
