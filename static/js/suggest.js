// Suggestions for the text inputs that choose a row of a large table (core/suggest.py): as the user
// types, ask /suggest/<chooser>/?q=… for a few matching rows and offer them in the input's <datalist>.
// Without this script the input still works: the typed name is looked up when the form is sent.
(function () {
  "use strict";
  if (window.sbSuggest) return;
  window.sbSuggest = true;
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (text.length < 2 || text === asked || /\(#\d+\)$/.test(text)) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        asked = text;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            if (input.value.trim() !== text) return;
            list.replaceChildren.apply(list, data.results.map(function (row) {
              var option = document.createElement("option");
              option.value = row.value;
              option.label = row.label;
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  }
  function start() { document.querySelectorAll("input[data-suggest]").forEach(attach); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
