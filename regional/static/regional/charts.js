/* Draws every <canvas data-chart-id="…"> from the JSON in the element of that id (Chart.js UMD,
   vendor/chart.umd.min.js). Suppressed values arrive as null: a gap, with the tooltip saying so. */
(function () {
  "use strict";
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chartId);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets.map(function (d) {
        return { label: d.label, data: d.data, spanGaps: false, borderWidth: 2 };
      }) },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          var hidden = spec.datasets[ctx.datasetIndex].suppressed[ctx.dataIndex];
          return ctx.dataset.label + ": " + (hidden ? spec.suppressedText : ctx.formattedValue);
        } } } }
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart-id]").forEach(draw);
  });
})();
