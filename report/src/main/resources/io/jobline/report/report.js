// Draws each run's charts (uPlot) and worker timeline (SVG) from the JSON block, then writes what it drew into
// #jl-check, which the browser specs read: {"charts": n, "drawn": n, "timelines": n, "errors": [...]}.
(function () {
  "use strict";
  var problems = [];
  window.addEventListener("error", function (e) { problems.push(String(e.message)); });
  var COLORS = ["#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f59f00", "#0ca678", "#d6336c", "#4263eb", "#868e96"];
  var STATES = { DONE: "#2f9e44", FAILED: "#e03131", CANCELLED: "#adb5bd", RUNNING: "#1c7ed6", PENDING: "#dee2e6" };
  var SVG = "http://www.w3.org/2000/svg";
  var charts = 0, timelines = 0;

  function svg(name, attrs, parent) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(el);
    return el;
  }

  function width(el) { return Math.max(300, Math.floor(el.getBoundingClientRect().width || 600)); }

  // Outputs per second between consecutive samples.
  function rate(t, counts) {
    var r = [0];
    for (var i = 1; i < t.length; i++) {
      var dt = t[i] - t[i - 1];
      r.push(dt > 0 ? Math.max(0, (counts[i] - counts[i - 1]) / dt) : 0);
    }
    return r;
  }

  function chart(el, title, t, series, unit) {
    if (!el || t.length < 2) return;
    var data = [t];
    var opts = {
      width: width(el), height: 240,
      scales: { x: { time: false } },
      axes: [{ label: "seconds" }, { label: unit, size: 60 }],
      series: [{ label: "t", value: function (u, v) { return v == null ? "-" : v.toFixed(1) + " s"; } }],
      legend: { live: true }
    };
    series.forEach(function (s, k) {
      data.push(s.values);
      opts.series.push({ label: s.label, stroke: COLORS[k % COLORS.length], width: 2,
                         fill: COLORS[k % COLORS.length] + "18" });
    });
    new uPlot(opts, data, el);
    charts++;
  }

  function drawRun(run, index) {
    var s = run.samples || { t: [] };
    var t = s.t || [];
    var parts = s.parts || {};
    var names = Object.keys(parts);
    var through = [], queues = [];
    if (names.length === 0) {
      through.push({ label: "outputs", values: rate(t, s.out || []) });
    }
    names.forEach(function (name) {
      var p = parts[name];
      through.push({ label: name, values: rate(t, p.out) });
      queues.push({ label: name, values: p.queue.map(function (q, i) {
        var cap = p.capacity[i];
        return cap > 0 && cap < 2147483647 ? 100 * q / cap : q;
      }) });
    });
    if (queues.length === 0) {
      queues.push({ label: "in progress", values: (s.in || []).map(function (v, i) { return v - (s.out || [])[i]; }) });
    }
    chart(document.getElementById("throughput-" + index), "throughput", t, through, "items/s");
    chart(document.getElementById("queue-" + index), "queue", t, queues, names.length ? "% full" : "items");
    timeline(document.getElementById("timeline-" + index), run);
  }

  // One lane per worker (busy intervals) and one bar per work item (coloured by outcome, details on hover).
  function timeline(el, run) {
    if (!el) return;
    var lanes = run.lanes || [], items = (run.items || []).slice(0, 400);
    var end = Math.max(run.elapsed || 0, 0.001);
    var rows = lanes.length + items.length;
    if (rows === 0) {
      el.textContent = "No worker lanes or work items were recorded.";
      return;
    }
    var W = width(el), LABEL = 170, ROW = 18, TOP = 4, H = TOP + rows * ROW + 24;
    var plot = W - LABEL - 10;
    var root = svg("svg", { width: W, height: H, role: "img" }, el);
    var x = function (sec) { return LABEL + Math.max(0, Math.min(1, sec / end)) * plot; };
    var stageColor = {};
    (run.stages || []).forEach(function (name, k) { stageColor[name] = COLORS[k % COLORS.length]; });
    var row = 0;
    lanes.forEach(function (lane) {
      var y = TOP + row * ROW;
      svg("rect", { x: LABEL, y: y + 2, width: plot, height: ROW - 4, fill: "#f1f3f5" }, root);
      var label = svg("text", { x: LABEL - 8, y: y + ROW - 5, "text-anchor": "end", "class": "lane-label" }, root);
      label.textContent = lane.name;
      var busy = 0;
      (lane.busy || []).forEach(function (b) {
        busy += b[1] - b[0];
        var r = svg("rect", { x: x(b[0]), y: y + 2, width: Math.max(1, x(b[1]) - x(b[0])), height: ROW - 4,
                              fill: stageColor[lane.part] || COLORS[0] }, root);
        var tip = svg("title", {}, r);
        tip.textContent = lane.name + ": busy " + b[0].toFixed(3) + " s - " + b[1].toFixed(3) + " s";
      });
      var tip = svg("title", {}, label);
      tip.textContent = lane.name + ": busy " + (100 * busy / end).toFixed(0) + " % of the run";
      row++;
    });
    items.forEach(function (item) {
      var y = TOP + row * ROW;
      var label = svg("text", { x: LABEL - 8, y: y + ROW - 5, "text-anchor": "end", "class": "lane-label" }, root);
      label.textContent = item.name;
      var from = item.start == null ? end : item.start, to = item.end == null ? end : item.end;
      var r = svg("rect", { x: x(from), y: y + 3, width: Math.max(3, x(to) - x(from)), height: ROW - 6, rx: 3,
                            fill: STATES[item.state] || "#868e96" }, root);
      var tip = svg("title", {}, r);
      tip.textContent = item.name + ": " + item.state + (item.node ? " on " + item.node : "") +
          (item.exitCode != null ? ", exit code " + item.exitCode : "") + (item.error ? "\n" + item.error : "");
      row++;
    });
    var axisY = TOP + rows * ROW + 14;
    for (var k = 0; k <= 10; k++) {
      var sec = end * k / 10;
      var tick = svg("text", { x: x(sec), y: axisY, "text-anchor": "middle", "class": "axis" }, root);
      tick.textContent = sec.toFixed(sec < 10 ? 2 : 0) + " s";
    }
    timelines++;
  }

  function drawn() {
    var n = 0;
    document.querySelectorAll(".chart canvas").forEach(function (c) {
      try {
        var px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        for (var i = 3; i < px.length; i += 4 * 16) { if (px[i] !== 0) { n++; return; } }
      } catch (e) { problems.push("reading a canvas: " + e); }
    });
    return n;
  }

  try {
    var data = JSON.parse(document.getElementById("jl-data").textContent);
    data.runs.forEach(drawRun);
  } catch (e) {
    problems.push(String(e && e.stack || e));
  }
  var check = document.getElementById("jl-check");
  function finish() {
  check.textContent = JSON.stringify({ charts: charts, drawn: drawn(), timelines: timelines, errors: problems });
  check.setAttribute("data-done", "true");
  }
  // uPlot draws in a microtask: check after it
  Promise.resolve().then(function () { Promise.resolve().then(finish); });
})();
