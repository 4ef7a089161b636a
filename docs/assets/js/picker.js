// Hub page: a filter box over the jurisdiction list. Without JavaScript the full list of links works.
(function () {
  "use strict";
  function run() {
    var box = document.querySelector(".picker-filter");
    var input = document.getElementById("picker-filter-input");
    if (!box || !input) return;
    box.hidden = false;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      document.querySelectorAll(".picker li").forEach(function (li) {
        li.hidden = q !== "" && li.textContent.toLowerCase().indexOf(q) === -1;
      });
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else { document.addEventListener("DOMContentLoaded", run); }
})();
