// EsAkka dashboard: lists runs, overlays the ticked ones, follows the live run through
// server-sent events (or, in the run browser, re-reads runs still without a summary).
"use strict";
(function () {
  const palette = ["#2f6fde", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285", "#c2255c", "#5f3dc4"];
  const state = { mode: "browser", runs: [], selected: [], data: new Map(), charts: {}, keys: {}, pending: false };
  const $ = (id) => document.getElementById(id);

  async function getJson(url) {
    const response = await fetch(url, { cache: "no-store" });
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  }

  function number(value, digits) {
    return value === null || value === undefined ? "-" : Number(value).toFixed(digits);
  }

  async function loadRuns() {
    state.runs = await getJson("/api/runs");
    const known = new Set(state.runs.map((r) => r.run_id));
    state.selected = state.selected.filter((id) => known.has(id));
    if (state.selected.length === 0 && state.runs.length > 0) state.selected = [state.runs[0].run_id];
    renderRunList();
  }

  async function loadRun(id) {
    const view = await getJson("/api/runs/" + encodeURIComponent(id));
    // Points streamed while this answer was on its way are newer than it: keep them, or the
    // answer would take them off the curve ("reset" and "run" drop what is held first).
    const held = state.data.get(id);
    if (held && held.points && view.points) {
      const last = view.points.length ? view.points[view.points.length - 1].generation : -1;
      held.points.filter((p) => p.generation > last).forEach((p) => appendPoint(view, p));
    }
    state.data.set(id, view);
  }

  function renderRunList() {
    const list = $("runs");
    list.replaceChildren();
    $("no-runs").hidden = state.runs.length > 0;
    state.runs.forEach((run, index) => {
      const item = document.createElement("li");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = "run-" + index;
      box.value = run.run_id;
      box.checked = state.selected.includes(run.run_id);
      box.addEventListener("change", () => toggle(run.run_id, box.checked));
      const label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = run.run_id;
      const meta = document.createElement("span");
      meta.className = "run-meta";
      meta.dataset.run = run.run_id;
      meta.textContent = describe(run);
      item.append(box, label, meta);
      list.append(item);
    });
  }

  function describe(run) {
    return `${run.env}, ${run.strategy}, seed ${run.seed}: ${run.status}, ${run.generations} gen, best ${number(run.best_eval_return, 1)}`;
  }

  async function toggle(id, on) {
    state.selected = on ? state.selected.concat([id]) : state.selected.filter((s) => s !== id);
    if (on && !state.data.has(id)) await loadRun(id);
    schedule();
  }

  function schedule() {
    if (state.pending) return;
    state.pending = true;
    requestAnimationFrame(() => { state.pending = false; render(); });
  }

  function views() {
    return state.selected.map((id) => state.data.get(id)).filter((v) => v);
  }

  // uPlot wants one x array shared by every series: the union of the runs' generations.
  function aligned(runs, pick) {
    const xs = [...new Set(runs.flatMap((r) => r.points.map((p) => p.generation)))].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const columns = pick.map(({ run, value }) => {
      const column = new Array(xs.length).fill(null);
      run.points.forEach((p, i) => { const v = value(p, i, run.points); column[index.get(p.generation)] = v === undefined ? null : v; });
      return column;
    });
    return [xs, ...columns];
  }

  function chart(name, key, series, data, axes) {
    const holder = $("chart-" + name);
    const width = Math.max(holder.clientWidth, 300);
    if (state.charts[name] && state.keys[name] === key) {
      state.charts[name].setData(data);
      return;
    }
    if (state.charts[name]) state.charts[name].destroy();
    holder.replaceChildren();
    state.keys[name] = key;
    state.charts[name] = new uPlot({
      width, height: 240,
      scales: { x: { time: false } },
      series: [{ label: "generation" }, ...series],
      // 70 px holds "-1,500": uPlot's default width cut the minus sign off Pendulum's returns.
      axes: axes || [{ label: "generation" }, { size: 70 }],
    }, data, holder);
  }

  function render() {
    const runs = views();
    const focus = runs[0];
    const key = runs.map((r) => r.info.run_id).join("|");
    const single = runs.length === 1;
    const color = (i) => palette[i % palette.length];

    const rewardSeries = [];
    const rewardPick = [];
    runs.forEach((run, i) => {
      const name = single ? "" : run.info.run_id + " ";
      rewardSeries.push({ label: name + "mean", stroke: color(i), width: 2, spanGaps: true });
      rewardPick.push({ run, value: (p) => p.reward_mean });
      if (single) {
        rewardSeries.push({ label: "max", stroke: "#8fb3f0", dash: [4, 3], spanGaps: true });
        rewardPick.push({ run, value: (p) => p.reward_max });
        rewardSeries.push({ label: "min", stroke: "#b8c4d9", dash: [2, 3], spanGaps: true });
        rewardPick.push({ run, value: (p) => p.reward_min });
      }
    });
    chart("reward", key, rewardSeries, aligned(runs, rewardPick));

    const evalSeries = runs.map((run, i) => ({ label: (single ? "" : run.info.run_id + " ") + "eval return", stroke: color(i), width: 2, spanGaps: true, points: { show: true } }));
    const evalPick = runs.map((run) => ({ run, value: (p) => p.eval_return }));
    const threshold = focus ? focus.info.solved_threshold : null;
    if (threshold !== null && threshold !== undefined && focus) {
      evalSeries.push({ label: "solved threshold", stroke: "#c92a2a", dash: [8, 4], points: { show: false } });
      evalPick.push({ run: focus, value: () => threshold });
    }
    chart("eval", key + "|" + threshold, evalSeries, aligned(runs, evalPick));

    const rate = (field) => (p, i, points) => {
      const before = i > 0 ? points[i - 1].wall_seconds : 0;
      const seconds = p.wall_seconds - before;
      return seconds > 0 ? p[field] / seconds : null;
    };
    const rateRuns = focus ? [focus] : [];
    chart("rate", focus ? focus.info.run_id : "", [
      { label: "evaluations/s", stroke: "#2f6fde", scale: "evals", spanGaps: true },
      { label: "env steps/s", stroke: "#2b8a3e", scale: "steps", spanGaps: true },
    ], aligned(rateRuns, rateRuns.length ? [{ run: focus, value: rate("evaluations") }, { run: focus, value: rate("env_steps") }] : []),
    [{ label: "generation" }, { scale: "evals", size: 70, label: "evaluations/s" }, { scale: "steps", side: 1, size: 80, label: "env steps/s", grid: { show: false } }]);

    // The list's lines follow the loaded runs (rebuilding the list would lose keyboard focus).
    document.querySelectorAll(".run-meta").forEach((meta) => {
      const view = state.data.get(meta.dataset.run);
      if (view) meta.textContent = describe(view.info);
    });
    $("status-run").textContent = focus ? focus.info.run_id : "-";
    $("status-state").textContent = focus ? focus.info.status : "-";
    $("status-generations").textContent = focus ? String(focus.points.length) : "0";
    $("status-best").textContent = focus ? number(focus.info.best_eval_return, 2) : "-";
    $("status-threshold").textContent = focus ? number(focus.info.solved_threshold, 2) : "-";
    $("config").textContent = focus ? focus.config_json : "";
  }

  function renderNodes(nodes) {
    const body = document.querySelector("#nodes tbody");
    body.replaceChildren();
    nodes.forEach((node) => {
      const row = document.createElement("tr");
      row.className = "state-" + node.state;
      row.dataset.testid = "node-row";
      row.dataset.address = node.address;
      row.dataset.state = node.state;
      [node.address, node.role, node.state, node.evaluators, node.tasks_in_flight ?? "-", node.restarts, node.redeliveries, node.stale_results]
        .forEach((value) => { const cell = document.createElement("td"); cell.textContent = String(value); row.append(cell); });
      body.append(row);
    });
  }

  function livePoint(point) {
    const run = state.runs[0] && state.data.get(state.runs[0].run_id);
    if (!run) return;
    const last = run.points.length ? run.points[run.points.length - 1].generation : -1;
    if (point.generation <= last) return; // already in the run read after the stream opened
    appendPoint(run, point);
    schedule();
  }

  function appendPoint(run, point) {
    run.points.push(point);
    if (point.eval_return !== null && (run.info.best_eval_return === null || point.eval_return > run.info.best_eval_return)) {
      run.info.best_eval_return = point.eval_return;
    }
    run.info.generations = run.points.length;
  }

  async function reloadAll() {
    await loadRuns();
    await Promise.all(state.selected.map(loadRun));
    schedule();
  }

  function follow() {
    const events = new EventSource("/api/events");
    // A nodes event that comes while /api/nodes is on its way is as new as the answer or newer:
    // the answer, rendered after it, would put an older list back.
    let nodesSeen = 0;
    events.addEventListener("hello", () => {
      reloadAll().catch(show);
      const asked = nodesSeen;
      getJson("/api/nodes").then((nodes) => { if (asked === nodesSeen) renderNodes(nodes); }).catch(show);
    });
    events.addEventListener("run", () => { state.data.clear(); reloadAll().catch(show); });
    events.addEventListener("reset", () => { state.data.clear(); reloadAll().catch(show); });
    events.addEventListener("point", (e) => livePoint(JSON.parse(e.data)));
    events.addEventListener("nodes", (e) => { nodesSeen++; renderNodes(JSON.parse(e.data)); });
    events.addEventListener("status", (e) => {
      const status = JSON.parse(e.data).status;
      const run = state.runs[0] && state.data.get(state.runs[0].run_id);
      if (run) run.info.status = status;
      $("mode").textContent = "live run: " + status;
      schedule();
    });
  }

  function poll() {
    setInterval(async () => {
      try {
        await loadRuns();
        const open = state.selected.filter((id) => { const r = state.runs.find((x) => x.run_id === id); return r && r.status === "no summary"; });
        await Promise.all(open.map(loadRun));
        if (open.length) schedule();
      } catch (e) { show(e); }
    }, 3000);
  }

  function show(error) {
    $("mode").textContent = "cannot reach the trainer (" + error.message + "); retrying";
  }

  async function start() {
    state.mode = (await getJson("/api/info")).mode;
    $("mode").textContent = state.mode === "live" ? "live run" : "run browser (read-only)";
    await reloadAll();
    renderNodes(await getJson("/api/nodes"));
    if (state.mode === "live") follow(); else poll();
    window.addEventListener("resize", () => { state.keys = {}; schedule(); });
  }

  start().catch(show);
})();
