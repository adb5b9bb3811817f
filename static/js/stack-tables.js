// List tables on a phone (table.sb-stack; the layout is in css/app.css): each row becomes a card and each
// cell is shown under its column's name. This copies each column header's words onto its cells as
// data-label, which the stylesheet shows; the first cell of a row leads the card and needs none. A header
// with only hidden words (an "Actions" column) labels nothing.
(function () {
  "use strict";
  document.querySelectorAll("table.sb-stack").forEach(function (table) {
    var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      var hidden = th.querySelector(".visually-hidden");
      if (hidden && hidden.textContent.trim() === th.textContent.trim()) return "";
      return th.textContent.replace(/[▲▼]/g, "").trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (index > 0 && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", labels[index] || "");
      });
    });
  });
})();
