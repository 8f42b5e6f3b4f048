// The live meeting page: every change of the meeting arrives as a server-sent
// event holding its whole state, and the page redraws the parts that change.
// Without JavaScript the page is complete as served; reloading shows the latest.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.EventSource) { return; }
  var t = live.dataset;
  function el(id) { return document.getElementById(id); }
  function text(id, s) { var e = el(id); if (e) { e.textContent = s; } }
  function node(tag, s) { var e = document.createElement(tag); e.textContent = s; return e; }
  var roster = [];
  function draw(ev) {
    var m = ev.meeting;
    // The first event holds the roster; later ones name who is present.
    if (m.members) { roster = m.members; } else if (ev.present) {
      roster.forEach(function (x) { x.present = ev.present.indexOf(x.account) >= 0; });
    }
    text("status", m.status);
    text("present", String(m.present));
    text("quorum", m.quorum ? "✓" : t.noquorum);
    text("presiding", m.presiding);
    text("viewers", String(ev.viewers));
    text("current-item", m.current_item >= 0 ? m.agenda[m.current_item].title : t.noitem);
    var rl = el("redline");
    rl.replaceChildren();
    (ev.redline || []).forEach(function (c) {
      var p = document.createElement("p");
      p.appendChild(node("code", c.unit));
      p.appendChild(document.createTextNode(" (" + c.change + "): "));
      (c.redline || [{op: "insert", text: c.new}]).forEach(function (s) {
        p.appendChild(s.op === "insert" ? node("ins", s.text) : s.op === "delete" ? node("del", s.text) : document.createTextNode(s.text));
      });
      rl.appendChild(p);
    });
    var v = el("vote");
    v.replaceChildren();
    var last = null;
    if (m.vote) { last = m.vote; } else {
      m.agenda.forEach(function (it) { it.votes.forEach(function (x) { last = x; }); });
    }
    if (last) {
      v.appendChild(node("p", last.question)).id = "question";
      var tl = (last.result ? last.result.tally : last.tally);
      var line = t.for + " " + tl.for + " · " + t.against + " " + tl.against + " · " + t.abstain + " " + tl.abstain;
      if (last.result) { line += " — " + (last.result.adopted ? t.adopted : t.notadopted); }
      v.appendChild(node("p", line)).id = "tally";
      var ul = document.createElement("ul");
      ul.id = "ballots";
      last.ballots.forEach(function (b) { ul.appendChild(node("li", b.name + ": " + b.choice)); });
      v.appendChild(ul);
    }
    var mem = el("members");
    mem.replaceChildren();
    roster.forEach(function (x) { mem.appendChild(node("li", x.name + " (" + x.position + ")" + (x.present ? " · " + t.present : ""))); });
  }
  var src = new EventSource("/api/v1/meetings/" + t.meeting + "/events");
  src.addEventListener("meeting", function (e) { draw(JSON.parse(e.data)); });
})();
