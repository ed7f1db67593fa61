// Severity filter: show only findings whose severity box is ticked, and
// hide a file's heading when none of its findings is shown.
(function () {
  "use strict";
  var boxes = document.querySelectorAll('#severity-filter input[name="severity"]');

  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    document.querySelectorAll("tr.finding").forEach(function (row) {
      row.hidden = !shown[row.getAttribute("data-severity")];
    });
    document.querySelectorAll("section.file-group").forEach(function (group) {
      group.hidden = group.querySelector("tr.finding:not([hidden])") === null;
    });
  }

  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  apply();
})();

// A click on a page thumbnail shows the page large, with the same box.
(function () {
  "use strict";
  var dialog = document.getElementById("zoom");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var body = dialog.querySelector(".zoom-body");

  function open(figure) {
    body.replaceChildren(figure.cloneNode(true));
    dialog.showModal();
  }

  document.querySelectorAll("figure.page-figure").forEach(function (figure) {
    figure.addEventListener("click", function () { open(figure); });
    figure.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(figure); }
    });
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) { dialog.close(); }
  });
})();
