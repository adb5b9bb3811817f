/* Characters typed so far in a text box: the hint element (data-count-for = the box's id, data-limit = the most
   allowed) says "120 of 2000 characters", and how many are left once fewer than 100 remain. */
(function () {
  "use strict";
  document.querySelectorAll("[data-count-for]").forEach(function (hint) {
    var box = document.getElementById(hint.dataset.countFor);
    var limit = parseInt(hint.dataset.limit, 10);
    function update() {
      var left = limit - box.value.length;
      hint.textContent = box.value.length + " of " + limit + " characters" + (left < 100 ? " (" + left + " left)" : "");
    }
    box.addEventListener("input", update);
    update();
  });
})();
