(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("backlog-data").textContent);
  var drawn = [];
  data.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(c.option);
    drawn.push(chart);
  });
  function resize() {
    drawn.forEach(function (chart) { chart.resize(); });
  }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
  document.documentElement.setAttribute("data-charts-drawn", String(drawn.length));
})();
