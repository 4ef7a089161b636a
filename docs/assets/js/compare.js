// Compare page: pick jurisdictions and topics. The choice lives in the page address (?j=tx,ca&t=duty_to_warn)
// so it can be shared; nothing is stored or sent anywhere. Without JavaScript every table shows.
(function () {
  "use strict";
  function chosen(params, name) {
    var value = params.get(name);
    return value ? value.split(",").filter(Boolean) : [];
  }
  function apply(form, js, ts) {
    var rows = 0;
    document.querySelectorAll(".compare-topic").forEach(function (section) {
      var showTopic = ts.length === 0 || ts.indexOf(section.dataset.topic) !== -1;
      section.hidden = !showTopic;
      section.querySelectorAll("tr[data-j]").forEach(function (tr) {
        tr.hidden = js.length > 0 && js.indexOf(tr.dataset.j) === -1;
        if (showTopic && !tr.hidden) rows += 1;
      });
    });
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = (box.name === "j" ? js : ts).indexOf(box.value) !== -1;
    });
    var status = form.querySelector(".compare-count");
    if (status) status.textContent = (js.length || ts.length) ? "Showing " + rows + " entries." : "Showing everything.";
  }
  function run() {
    var form = document.querySelector(".compare-picker");
    if (!form) return;
    form.hidden = false;
    var params = new URLSearchParams(window.location.search);
    apply(form, chosen(params, "j"), chosen(params, "t"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var pick = function (name) {
        return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"), function (b) { return b.value; });
      };
      var js = pick("j"), ts = pick("t"), next = new URLSearchParams();
      if (js.length) next.set("j", js.join(","));
      if (ts.length) next.set("t", ts.join(","));
      var query = next.toString().replace(/%2C/g, ",");
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      apply(form, js, ts);
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      window.history.replaceState(null, "", window.location.pathname);
      apply(form, [], []);
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else { document.addEventListener("DOMContentLoaded", run); }
})();
