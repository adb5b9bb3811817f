/* The district charts of /reports/: each <canvas data-chart="ID"> is drawn with Chart.js (static/vendor/chartjs)
   from the JSON that Django's json_script wrote into the element #ID. The table next to each chart holds the
   same numbers and stays the page's truth; the canvas is a picture of it (role="img" with an aria-label). */
(function () {
  "use strict";
  if (typeof window.Chart !== "function") { return; }
  // Okabe–Ito: colours that stay apart for the common kinds of colour blindness, and a dash pattern per line.
  var COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"];
  var DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4]];
  var charts = [];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var line = spec.type === "line";
    var datasets = spec.datasets.map(function (set, i) {
      var colour = COLOURS[i % COLOURS.length];
      return {
        label: set.label,
        data: set.data,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: line ? 2 : 0,
        borderDash: line ? DASHES[i % DASHES.length] : [],
        pointRadius: line ? 3 : 0,
        spanGaps: false
      };
    });
    charts.push(new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false, // prints as shown, and no motion for who asked for none
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: spec.stacked },
          y: {
            stacked: spec.stacked,
            beginAtZero: true,
            min: spec.range ? spec.range[0] : undefined,
            max: spec.range ? spec.range[1] : undefined,
            ticks: { precision: spec.whole ? 0 : undefined },
            title: { display: !!spec.unit, text: spec.unit }
          }
        },
        plugins: { legend: { display: datasets.length > 1, position: "bottom" } }
      }
    }));
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
  // Paper is narrower than the screen: redraw at the printed size, and back afterwards.
  function resize() { charts.forEach(function (chart) { chart.resize(); }); }
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
