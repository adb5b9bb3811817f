/* A "Select all" checkbox (data-select-all = the name of the checkboxes it ticks, within the same form): shown
   only where this script runs; it is ticked when all are, half-ticked when some are. */
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var boxes = all.form.querySelectorAll('input[name="' + CSS.escape(all.dataset.selectAll) + '"]');
    all.hidden = false;
    all.addEventListener("change", function () { boxes.forEach(function (box) { box.checked = all.checked; }); });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
        all.checked = ticked === boxes.length;
        all.indeterminate = ticked > 0 && ticked < boxes.length;
      });
    });
  });
})();
