// Turns the "Before you share" list into a checklist. Runs only in the browser:
// nothing is stored (no cookies, no localStorage) and nothing is sent anywhere.
(function () {
  "use strict";
  function enhance(block) {
    if (block.classList.contains("is-interactive")) return;
    var list = block.querySelector(":scope > ul");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var status = document.createElement("p");
    status.className = "checklist-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    function update() {
      var done = items.filter(function (li) { return li.querySelector("input").checked; }).length;
      status.textContent = done + " of " + items.length + " questions considered.";
    }
    items.forEach(function (li, i) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "share-question-" + (i + 1);
      var label = li.querySelector("strong") || li;
      if (!label.id) label.id = "share-question-label-" + (i + 1);
      box.setAttribute("aria-labelledby", label.id);
      box.addEventListener("change", update);
      var body = document.createElement("div");
      while (li.firstChild) body.appendChild(li.firstChild);
      li.appendChild(box);
      li.appendChild(body);
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button";
    reset.textContent = "Clear the checklist";
    reset.addEventListener("click", function () {
      items.forEach(function (li) { li.querySelector("input").checked = false; });
      update();
    });
    block.classList.add("is-interactive");
    block.insertBefore(status, list);
    block.appendChild(reset);
    update();
  }
  function run() {
    Array.prototype.forEach.call(document.querySelectorAll(".share-checklist"), enhance);
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); }
  else { run(); }
})();
