// Compare page: pick jurisdictions and topics. The choice lives in the page address (?j=tx,ca&t=duty_to_warn,
// or ?all=1 for everything) so it can be shared; nothing is stored or sent anywhere. Until something is picked no
// table shows (every table at once is some 135,000 px tall on a phone); pressing Show scrolls to the picked tables.
// Without JavaScript every table shows.
(function () {
  "use strict";
  function chosen(params, name) {
    var value = params.get(name);
    return value ? value.split(",").filter(Boolean) : [];
  }
  // Show the topics and rows picked (all of them when everything is asked for); returns the first section shown.
  function apply(form, js, ts, everything) {
    var rows = 0, first = null, none = !everything && js.length === 0 && ts.length === 0;
    document.querySelectorAll(".compare-topic").forEach(function (section) {
      var showTopic = !none && (ts.length === 0 || ts.indexOf(section.dataset.topic) !== -1);
      section.hidden = !showTopic;
      section.querySelectorAll("tr[data-j]").forEach(function (tr) {
        tr.hidden = js.length > 0 && js.indexOf(tr.dataset.j) === -1;
        if (showTopic && !tr.hidden) rows += 1;
      });
      if (showTopic && !first) first = section;
    });
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = (box.name === "j" ? js : ts).indexOf(box.value) !== -1;
    });
    var status = form.querySelector(".compare-count");
    if (status) {
      status.textContent = none ? "Nothing chosen yet: tick one or more jurisdictions or topics, then press Show."
        : (everything ? "Showing everything: " : "Showing ") + rows + " entries, below.";
    }
    return first;
  }
  function address(params) {
    var query = params.toString().replace(/%2C/g, ",");
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }
  function reveal(section) {
    if (section) section.scrollIntoView({block: "start"});
  }
  function run() {
    var form = document.querySelector(".compare-picker");
    if (!form) return;
    form.hidden = false;
    var params = new URLSearchParams(window.location.search);
    apply(form, chosen(params, "j"), chosen(params, "t"), params.get("all") === "1");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var pick = function (name) {
        return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"), function (b) { return b.value; });
      };
      var js = pick("j"), ts = pick("t"), next = new URLSearchParams();
      if (js.length) next.set("j", js.join(","));
      if (ts.length) next.set("t", ts.join(","));
      address(next);
      reveal(apply(form, js, ts, false));
    });
    form.querySelector(".compare-all").addEventListener("click", function () {
      address(new URLSearchParams("all=1"));
      reveal(apply(form, [], [], true));
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      address(new URLSearchParams());
      apply(form, [], [], false);
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else { document.addEventListener("DOMContentLoaded", run); }
})();
