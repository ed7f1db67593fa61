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
