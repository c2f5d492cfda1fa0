// Bulk import form: multipart posts carry the CSRF token as a header (the server never reads it from a multipart
// body), so the form is sent with fetch and the browser then follows to the import's progress page.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form) {
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    var headers = {};
    if (header && token) {
      headers[header.content] = token.content;
    }
    var status = document.getElementById('import-status');
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    status.textContent = 'Uploading the archive…';
    fetch(form.action, {method: 'POST', body: new FormData(form), headers: headers, credentials: 'same-origin'})
      .then(function (response) {
        if (response.redirected) {
          window.location.assign(response.url);
          return null;
        }
        return response.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, 'text/html');
          var error = page.querySelector('.notice.error');
          status.textContent = error ? error.textContent : 'The import could not be started (' + response.status + ').';
          button.disabled = false;
        });
      })
      .catch(function () {
        status.textContent = 'The archive could not be sent. Check the connection and try again.';
        button.disabled = false;
      });
  });
}());
