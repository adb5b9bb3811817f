// The progress bar of a background job (a CSV import or its check, a large export): asks the job's
// status.json every second and moves the bar; when the job ends (done or failed) it reloads the page, which
// then shows the result. The box is #import-progress or any [data-progress-box]; a status that carries its
// own words ("text") is shown as it is. The box may list the statuses that are still under way
// (data-active-statuses, else "queued running") and those still waiting for the worker, for which the
// "try again" form stays (data-waiting-statuses, else "queued").
(function () {
  "use strict";
  var box = document.getElementById("import-progress") || document.querySelector("[data-progress-box]");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  var progress = box.querySelector(".progress");
  var bar = box.querySelector(".progress-bar");
  var label = box.querySelector("[data-progress-label]");
  var badge = document.querySelector("[data-progress-status]");
  var retry = box.querySelector("[data-progress-retry]");
  var number = new Intl.NumberFormat();
  var active = (box.getAttribute("data-active-statuses") || "queued running").split(" ");
  var waiting = (box.getAttribute("data-waiting-statuses") || "queued").split(" ");

  function describe(data) {
    if (data.text) return data.text;
    if (data.status === "queued") return "Waiting for the importer to start…";
    if (data.processed_rows >= data.total_rows) return "Saving…";
    return "Importing: " + number.format(data.processed_rows) + " of " + number.format(data.total_rows) +
      " rows checked";
  }

  function show(data) {
    bar.style.width = data.percent + "%";
    bar.textContent = data.percent + "%";
    progress.setAttribute("aria-valuenow", data.percent);
    label.textContent = describe(data);
    if (badge) badge.textContent = data.label;
    if (retry && waiting.indexOf(data.status) === -1) retry.hidden = true; // the worker has it
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (active.indexOf(data.status) === -1) {
          window.location.reload();
          return;
        }
        show(data);
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000); // a network blip: try again, less often
      });
  }

  window.setTimeout(poll, 1000);
})();
