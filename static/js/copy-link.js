/* "Copy link" buttons (data-copy-target = the id of the field holding the link, data-copy-status = the id of
   the element that says what happened). Hidden until this script runs, since without it they would do nothing;
   the field stays selectable by hand either way. */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyTarget);
    var status = document.getElementById(button.dataset.copyStatus);
    function say(text) { if (status) { status.textContent = text; } }
    function byHand() {
      field.select();
      say("Could not copy: the link is selected, copy it with your keyboard.");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { say("Link copied."); }, byHand);
        return;
      }
      field.select();
      try {
        if (document.execCommand("copy")) { say("Link copied."); } else { byHand(); }
      } catch (e) {
        byHand();
      }
    });
  });
})();
