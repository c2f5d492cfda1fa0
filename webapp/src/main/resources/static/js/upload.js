// Uploads for marketers: a batch of files with shared metadata on the library page (dropped on the drop zone or
// chosen with the file input), and a new version on an asset page. Each file goes up on its own XMLHttpRequest so
// its progress bar follows the bytes sent; the outcome of each is written next to it, in a live region.
(function () {
  "use strict";

  function csrfHeaders(xhr) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      xhr.setRequestHeader(header.content, token.content);
    }
  }

  // Sends a FormData with progress; calls done(status, json or null) once, whatever happens.
  function send(url, data, progress, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    csrfHeaders(xhr);
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round((event.loaded / event.total) * 99);
      }
    });
    xhr.addEventListener("load", function () {
      var body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e) {
        body = null;
      }
      done(xhr.status, body);
    });
    xhr.addEventListener("error", function () {
      done(0, null);
    });
    xhr.addEventListener("abort", function () {
      done(0, null);
    });
    xhr.send(data);
  }

  function problemText(status, body) {
    if (status === 0) {
      return "The upload did not reach Baton: check the connection and try again.";
    }
    if (status === 403) {
      return "Your session may have ended: sign in again, then retry.";
    }
    if (body && body.detail) {
      return body.detail;
    }
    return "The upload failed (HTTP " + status + "). Try again.";
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  // ---- the library page: a batch with shared metadata
  var form = document.getElementById("upload-form");
  if (form) {
    var input = document.getElementById("upload-files");
    var zone = document.getElementById("dropzone");
    var queue = document.getElementById("upload-queue");
    var button = document.getElementById("upload-button");
    var summary = document.getElementById("upload-summary");
    var items = [];
    var busy = false;

    var ready = function () {
      return items.filter(function (item) {
        return item.state === "ready";
      });
    };

    var refresh = function () {
      var count = ready().length;
      button.textContent = count > 1 ? "Upload " + count + " files" : count === 1 ? "Upload 1 file" : "Upload";
    };

    var add = function (files) {
      Array.prototype.forEach.call(files, function (file) {
        var row = document.createElement("li");
        row.className = "upload-item";
        var name = document.createElement("span");
        name.className = "file-name";
        name.textContent = file.name;
        var bar = document.createElement("progress");
        bar.max = 100;
        bar.value = 0;
        bar.setAttribute("aria-label", "Upload of " + file.name);
        var outcome = document.createElement("span");
        outcome.className = "outcome";
        outcome.textContent = "Ready to upload";
        row.appendChild(name);
        row.appendChild(bar);
        row.appendChild(outcome);
        queue.appendChild(row);
        items.push({ file: file, row: row, bar: bar, outcome: outcome, state: "ready" });
      });
      summary.textContent = "";
      refresh();
    };

    var metadata = function () {
      var facets = {};
      form.querySelectorAll('input[type="checkbox"][name^="facet."]').forEach(function (box) {
        var facet = box.name.substring("facet.".length);
        facets[facet] = facets[facet] || [];
        if (box.checked) {
          facets[facet].push(box.value);
        }
      });
      var type = form.querySelector('select[name="contentType"]').value;
      var tags = form.querySelector('input[name="tags"]').value.split(",")
        .map(function (tag) { return tag.trim(); })
        .filter(function (tag) { return tag.length > 0; });
      var status = form.querySelector('input[name="status"]:checked');
      return {
        contentType: type === "" ? null : type,
        facets: facets,
        tags: tags,
        internalOnly: form.querySelector('input[name="internalOnly"]').checked,
        status: status ? status.value : "draft"
      };
    };

    var finish = function (item, status, body) {
      item.outcome.textContent = "";
      item.row.classList.remove("sending");
      if (status === 201 && body) {
        item.state = "done";
        item.bar.value = 100;
        item.row.classList.add("ok");
        item.outcome.appendChild(document.createTextNode("Uploaded as "));
        item.outcome.appendChild(link("/assets/" + body.id, body.title));
        item.outcome.appendChild(document.createTextNode(body.status === "PUBLISHED" ? " (published)" : " (draft)"));
      } else if (status === 409 && body && body.existingAssetId) {
        item.state = "failed";
        item.bar.value = 100;
        item.row.classList.add("error");
        item.outcome.appendChild(document.createTextNode("Already in the library. "));
        item.outcome.appendChild(link("/assets/" + body.existingAssetId, "Open it"));
      } else {
        item.state = status === 0 ? "ready" : "failed";
        item.bar.value = 0;
        item.row.classList.add("error");
        item.outcome.textContent = problemText(status, body);
      }
    };

    var next = function () {
      var item = ready()[0];
      if (!item) {
        busy = false;
        button.disabled = false;
        var done = items.filter(function (i) { return i.state === "done"; }).length;
        var failed = items.filter(function (i) { return i.state === "failed"; }).length;
        summary.textContent = done + (done === 1 ? " file" : " files") + " uploaded"
          + (failed > 0 ? ", " + failed + " not uploaded: see why next to " + (failed === 1 ? "it" : "each") : "")
          + ".";
        refresh();
        return;
      }
      item.state = "sending";
      item.row.classList.add("sending");
      item.outcome.textContent = "Uploading…";
      var data = new FormData();
      data.append("file", item.file, item.file.name);
      data.append("metadata", JSON.stringify(metadata()));
      send(form.action, data, item.bar, function (status, body) {
        finish(item, status, body);
        next();
      });
    };

    input.addEventListener("change", function () {
      add(input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("over");
      });
    });
    zone.addEventListener("dragleave", function () {
      zone.classList.remove("over");
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        add(event.dataTransfer.files);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) {
        return;
      }
      if (ready().length === 0) {
        summary.textContent = "Choose or drop files first.";
        input.focus();
        return;
      }
      busy = true;
      button.disabled = true;
      summary.textContent = "Uploading…";
      next();
    });
  }

  // ---- an asset page: a new version, with its progress; the page then opens again with the outcome
  var versionForm = document.getElementById("version-form");
  if (versionForm) {
    var bar = document.getElementById("version-progress");
    var outcome = document.getElementById("version-outcome");
    versionForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var file = versionForm.querySelector('input[type="file"]');
      if (!file.files.length) {
        outcome.textContent = "Choose the file of the new version.";
        file.focus();
        return;
      }
      var submit = versionForm.querySelector('button[type="submit"]');
      submit.disabled = true;
      bar.hidden = false;
      bar.value = 0;
      outcome.classList.remove("field-error");
      outcome.textContent = "Uploading…";
      send(versionForm.action, new FormData(versionForm), bar, function (status, body) {
        if (status === 201) {
          bar.value = 100;
          window.location.assign(versionForm.getAttribute("data-asset"));
          return;
        }
        submit.disabled = false;
        bar.hidden = true;
        outcome.classList.add("field-error");
        outcome.textContent = "The new version was not stored: " + problemText(status, body);
      });
    });
  }
})();
