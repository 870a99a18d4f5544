(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("backlog-data").textContent);
  var entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function escape(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return entities[c]; });
  }
  // Tooltips are the report's own sentences, one per data index; ECharts
  // shows a formatter's result as HTML, so they are escaped first.
  function formatter(tips) {
    return function (params) {
      var list = Array.isArray(params) ? params : [params];
      var seen = {};
      var out = [];
      list.forEach(function (p) {
        var tip = p.componentType === "series" ? tips[p.dataIndex] : "";
        if (tip && !seen[tip]) {
          seen[tip] = true;
          out.push(escape(tip));
        }
      });
      return out.join("<br>");
    };
  }
  var drawn = [];
  data.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    var chart = echarts.init(el, null, { renderer: "svg" });
    c.option.tooltip.formatter = formatter(c.tips || []);
    chart.setOption(c.option);
    drawn.push({ chart: chart, el: el, calendar: !!c.option.calendar });
  });
  // A year's calendar on a phone has no room for three-letter months.
  var initials = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"];
  function fitMonths(d) {
    if (d.calendar) {
      d.chart.setOption({ calendar: [{ monthLabel: { nameMap: d.el.clientWidth < 560 ? initials : "en" } }] });
    }
  }
  drawn.forEach(fitMonths);

  // On paper the charts are drawn at the printed width, and every data
  // table marked for print is open; afterwards the page is put back.
  var printWidth = 680;
  var opened = [];
  var printing = false;
  function resize() {
    drawn.forEach(function (d) {
      fitMonths(d);
      d.chart.resize(printing ? { width: Math.min(printWidth, d.el.clientWidth || printWidth) } : undefined);
    });
  }
  function beforePrint() {
    if (printing) return;
    printing = true;
    document.querySelectorAll("details.print-table:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    resize();
  }
  function afterPrint() {
    if (!printing) return;
    printing = false;
    opened.forEach(function (d) { d.open = false; });
    opened = [];
    resize();
  }
  window.addEventListener("resize", function () { if (!printing) resize(); });
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  var print = window.matchMedia("print");
  print.addEventListener("change", function (e) { if (e.matches) beforePrint(); else afterPrint(); });
  document.documentElement.setAttribute("data-charts-drawn", String(drawn.length));
})();
