/* An element shown only while one choice of a radio group is picked: data-show-when-name = the inputs' name,
   data-show-when-value = the value that shows it (the server renders it hidden or not for the first view). */
(function () {
  "use strict";
  document.querySelectorAll("[data-show-when-name]").forEach(function (target) {
    var name = target.dataset.showWhenName;
    var value = target.dataset.showWhenValue;
    var radios = document.querySelectorAll('input[name="' + CSS.escape(name) + '"]');
    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        target.hidden = !Array.prototype.some.call(radios, function (r) { return r.checked && r.value === value; });
      });
    });
  });
})();
