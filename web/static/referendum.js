// Keeps a referendum's national totals current while the count goes on:
// every 15 seconds it reads the results from the JSON API and rewrites the
// numbers of the totals list. Without it the page is the same, one reload
// behind.
(function () {
  "use strict";
  var list = document.querySelector("[data-results]");
  if (!list || !window.fetch) return;
  var url = list.getAttribute("data-results");
  var fmt = new Intl.NumberFormat(document.documentElement.lang || "en");
  var fields = {"precincts-reported": "precincts_reported", "national-registered": "registered",
    "national-participants": "participants", "national-yes": "yes", "national-no": "no",
    "national-both": "both", "national-invalid": "invalid"};
  function tick() {
    fetch(url, {headers: {"Accept": "application/json"}}).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (res) {
      if (!res) return;
      for (var id in fields) {
        var el = document.getElementById(id);
        if (el && typeof res[fields[id]] === "number") el.textContent = fmt.format(res[fields[id]]);
      }
      if (res.declared) clearInterval(timer);
    }).catch(function () {});
  }
  var timer = setInterval(tick, 15000);
})();
