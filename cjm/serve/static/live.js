// cjm serve: reload this page when the map changes, at the same scroll position.
// Served as a file of its own (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-generation") : null;
  var key = "cjm-serve-scroll:" + location.pathname;

  function restore() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (error) { saved = null; }
    sessionStorage.removeItem(key);
    if (saved && typeof saved.x === "number" && typeof saved.y === "number") {
      window.scrollTo(saved.x, saved.y);
    }
  }

  function reload() {
    sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    location.reload();
  }

  if ("scrollRestoration" in history) { history.scrollRestoration = "manual"; }
  restore();
  if (!window.EventSource) { return; }
  var events = new EventSource("/_cjm/events");
  events.addEventListener("change", function (event) {
    if (event.data !== shown) {
      events.close();
      reload();
    }
  });
}());
