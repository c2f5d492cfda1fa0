// The reports' charts (Chart.js from its WebJar) and the print button. Data comes from a JSON block on the page, so
// no inline script runs and the Content-Security-Policy stays strict.
(function () {
  'use strict';

  function data(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function chart(canvasId, type, labels, values, label) {
    const canvas = document.getElementById(canvasId);
    if (!canvas || typeof Chart === 'undefined') {
      return;
    }
    const instance = new Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: [{ label: label, data: values, backgroundColor: '#3b6ea5', borderColor: '#3b6ea5' }] },
      options: {
        animation: false,
        responsive: false,
        indexAxis: type === 'bar' ? 'y' : 'x',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
      }
    });
    canvas.dataset.rendered = 'true';
    return instance;
  }

  // a small line of a scorecard figure over its periods; a period without enough data is a gap
  function trend(canvasId, labels, values, label) {
    const canvas = document.getElementById(canvasId);
    if (!canvas || typeof Chart === 'undefined') {
      return;
    }
    new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: [{ label: label, data: values, borderColor: '#3b6ea5',
        backgroundColor: '#3b6ea5', pointRadius: 2, spanGaps: false }] },
      options: {
        animation: false,
        responsive: false,
        plugins: { legend: { display: false } },
        scales: { x: { display: false }, y: { beginAtZero: true, ticks: { maxTicksLimit: 3 } } }
      }
    });
    canvas.dataset.rendered = 'true';
  }

  function start() {
    const usage = data('usage-chart-data');
    if (usage) {
      chart('usage-series', 'line', usage.seriesLabels, usage.seriesValues, 'Uses');
      chart('usage-rows', 'bar', usage.rowLabels, usage.rowValues, 'Uses');
    }
    const unused = data('unused-chart-data');
    if (unused) {
      chart('unused-trend', 'line', unused.labels, unused.values, 'Share of the library used (%)');
      chart('unused-causes', 'bar', unused.causeLabels, unused.causeValues, 'Unused assets');
    }
    const scorecard = data('scorecard-chart-data');
    if (scorecard) {
      scorecard.forEach(function (figure) { trend('trend-' + figure.key, figure.labels, figure.values, figure.label); });
    }
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
