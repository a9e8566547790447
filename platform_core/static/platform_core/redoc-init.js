// Starts ReDoc from the data attributes of its container: no inline script, so the page runs
// under the platform's Content-Security-Policy (script-src 'self').
(function () {
  var container = document.getElementById("redoc-container");
  if (!container) { return; }
  Redoc.init(container.dataset.schemaUrl, JSON.parse(container.dataset.settings || "{}"), container);
})();
