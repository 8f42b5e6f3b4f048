// The proposal form: while a citizen writes, ask which proposals the text
// would join (GET /api/v1/consultations/{id}/similar) and show a few, so that
// they may support one instead of sending a copy. It never blocks sending:
// without JavaScript, or when the lookup fails, the form is as served.
(function () {
  "use strict";
  var box = document.getElementById("similar");
  var text = document.getElementById("text");
  if (!box || !text || !window.fetch) { return; }
  var d = box.dataset, list = box.querySelector("ul"), timer = null, asked = "";
  function show(res) {
    list.replaceChildren();
    (res.proposals || []).forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = p.href;
      a.textContent = p.text.length > 300 ? p.text.slice(0, 300) + "…" : p.text;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + p.supports + ")"));
      list.appendChild(li);
    });
    box.hidden = list.children.length === 0;
  }
  function ask() {
    var t = text.value.trim();
    if (t === asked) { return; }
    asked = t;
    if (t.length < 30) { show({}); return; }
    var q = "unit=" + encodeURIComponent(d.unit) + "&lang=" + encodeURIComponent(d.lang) + "&text=" + encodeURIComponent(t);
    fetch("/api/v1/consultations/" + d.consultation + "/similar?" + q)
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (res) { if (t === asked) { show(res); } })
      .catch(function () {});
  }
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 500);
  });
  ask();
})();
