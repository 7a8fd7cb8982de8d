// SPDX-License-Identifier: Apache-2.0
// Small DOM helpers: elements from data (textContent only, never HTML), tables, SVG charts, numbers and times.

/**
 * An element: h("a", {href: "#/x", class: "c"}, "text", child…). `on*` attributes become listeners; `style` is an object
 * set through the CSSOM (the console's Content-Security-Policy allows no style attributes).
 */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k === "style") Object.assign(e.style, v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A button that changes something: hidden from viewers (the server refuses them anyway). */
export function change(label, onclick, attrs = {}) {
  return h("button", { type: "button", ...attrs, dataset: { change: "" }, onclick }, label);
}

/** A table: columns [{title, cell(row) → text|Node, sort?: key}], rows; `empty` says why there are none. */
export function table(columns, rows, empty = "Nothing here yet.", attrs = {}) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.class }, c.head || c.title)));
  const body = rows.length ? rows.map((r) => h("tr", { dataset: r.__data || {} },
    columns.map((c) => h("td", { class: c.class, "data-label": c.title }, c.cell(r)))))
    : [h("tr", {}, h("td", { colspan: columns.length, class: "empty" }, empty))];
  return h("div", { class: "table-wrap" }, h("table", attrs, h("thead", {}, head), h("tbody", {}, body)));
}

/** A description list of [term, value] pairs, skipping empty values. */
export function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

export function section(title, ...children) {
  return h("section", { class: "panel" }, h("h3", {}, title), ...children);
}

const NS = "http://www.w3.org/2000/svg";
function s(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Horizontal bars: [{label, value, color?}], labelled for screen readers by `title`; `unit` a suffix, or
 * [singular, plural].
 */
export function bars(title, items, { width = 600, color = "#b3261e", unit = "" } = {}) {
  const rowH = 26;
  const labelW = Math.min(270, Math.max(90, ...items.map((i) => Math.min(36, String(i.label).length) * 7.4 + 10)));
  const suffix = (n) => (Array.isArray(unit) ? (n === 1 ? unit[0] : unit[1]) : unit);
  const svg = s("svg", { role: "img", "aria-label": title, viewBox: `0 0 ${width} ${Math.max(1, items.length) * rowH + 4}`,
    class: "chart" });
  const max = Math.max(1, ...items.map((i) => i.value));
  items.forEach((i, n) => {
    const y = 2 + n * rowH;
    const w = Math.round((i.value / max) * (width - labelW - 70));
    const label = String(i.label).length > 36 ? `${String(i.label).slice(0, 35)}…` : String(i.label);
    svg.append(s("text", { x: 0, y: y + 16 }, label),
      s("rect", { x: labelW, y: y + 2, width: Math.max(w, i.value ? 2 : 0), height: rowH - 8, fill: i.color || color, rx: 2 }),
      s("text", { x: labelW + w + 6, y: y + 16, class: "count", "data-label": i.label }, `${i.value}${suffix(i.value)}`));
    svg.lastChild.previousSibling.append(s("title", {}, `${i.label}: ${i.value}${suffix(i.value)}`));
  });
  if (!items.length) svg.append(s("text", { x: 0, y: 18 }, "no data yet"));
  return svg;
}

/** Columns over time: values oldest first, one every `stepSeconds` from `from` (ISO). */
export function columns(title, values, from, stepSeconds, { width = 1200, height = 160, color = "#1d5fb8" } = {}) {
  const svg = s("svg", { role: "img", "aria-label": title, viewBox: `0 0 ${width} ${height + 22}`, class: "chart full" });
  const max = Math.max(1, ...values);
  const left = 44;
  const w = (width - left) / Math.max(1, values.length);
  svg.append(s("text", { x: 0, y: 12 }, compact(max)), s("text", { x: 0, y: height }, "0"),
    s("line", { x1: left, y1: height, x2: width, y2: height, stroke: "#dde1e8" }));
  values.forEach((v, i) => {
    const bh = Math.round((v / max) * (height - 10));
    const at = new Date(Date.parse(from) + i * stepSeconds * 1000);
    const r = s("rect", { x: left + i * w, y: height - bh, width: Math.max(1, w - 1), height: bh, fill: color });
    r.append(s("title", {}, `${at.toLocaleString()}: ${v}`));
    svg.append(r);
  });
  const start = new Date(Date.parse(from));
  const end = new Date(Date.parse(from) + values.length * stepSeconds * 1000);
  svg.append(s("text", { x: left, y: height + 16 }, start.toLocaleString()),
    s("text", { x: width, y: height + 16, "text-anchor": "end" }, end.toLocaleString()));
  return svg;
}

/** A line over time from [{at: ISO, value}] with a 0…max scale; `format` writes the axis' top. */
export function line(title, points, { width = 520, height = 120, max, format = String, color = "#1d5fb8" } = {}) {
  const svg = s("svg", { role: "img", "aria-label": title, viewBox: `0 0 ${width} ${height + 22}`, class: "chart" });
  if (points.length < 1) {
    svg.append(s("text", { x: 0, y: 18 }, "no readings yet"));
    return svg;
  }
  const top = max || Math.max(1, ...points.map((p) => p.value));
  const left = 60;
  const t0 = Date.parse(points[0].at);
  const t1 = Math.max(t0 + 1, Date.parse(points[points.length - 1].at));
  const xy = (p) => [left + ((Date.parse(p.at) - t0) / (t1 - t0)) * (width - left - 4),
    height - (p.value / top) * (height - 8)];
  const path = points.map((p, i) => `${i ? "L" : "M"}${xy(p).map((n) => n.toFixed(1)).join(",")}`).join(" ");
  svg.append(s("text", { x: 0, y: 12 }, format(top)), s("text", { x: 0, y: height }, format(0)),
    s("line", { x1: left, y1: height, x2: width, y2: height, stroke: "#dde1e8" }),
    s("path", { d: path, fill: "none", stroke: color, "stroke-width": 2 }));
  for (const p of points) {
    const [x, y] = xy(p);
    const c = s("circle", { cx: x, cy: y, r: 2.5, fill: color });
    c.append(s("title", {}, `${new Date(Date.parse(p.at)).toLocaleString()}: ${format(p.value)}`));
    svg.append(c);
  }
  svg.append(s("text", { x: left, y: height + 16 }, new Date(t0).toLocaleString()),
    s("text", { x: width, y: height + 16, "text-anchor": "end" }, new Date(t1).toLocaleString()));
  return svg;
}

/** A progress bar with its words (role=progressbar, so it is read out). */
export function progress(done, total, words) {
  const pct = total ? Math.round((done / total) * 100) : 0;
  return h("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": pct,
    "aria-valuetext": words || `${pct}%` }, h("span", { style: { width: `${pct}%` } }), h("em", {}, words || `${pct}%`));
}

export function compact(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : String(n);
}

export function bytes(n) {
  if (n === undefined || n === null) return "";
  const u = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  let v = Number(n);
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i ? 1 : 0)} ${u[i]}`;
}

/** "3 min ago" for an ISO time, with the exact time as a tooltip. */
export function ago(iso) {
  if (!iso) return "never";
  const t = Date.parse(iso);
  const sec = Math.round((Date.now() - t) / 1000);
  const a = Math.abs(sec);
  const span = a < 60 ? `${a} s` : a < 3600 ? `${Math.round(a / 60)} min` : a < 86400 ? `${Math.round(a / 3600)} h` : `${Math.round(a / 86400)} d`;
  const words = sec < 0 ? `in ${span}` : `${span} ago`;
  return h("time", { datetime: iso, title: new Date(t).toLocaleString() }, words);
}

export function when(iso) {
  return iso ? h("time", { datetime: iso }, new Date(Date.parse(iso)).toLocaleString()) : "";
}

/** A status word styled by its meaning (ok, warn, bad, muted). */
export function badge(text, kind) {
  return h("span", { class: `badge ${kind || tone(text)}` }, text);
}

function tone(text) {
  const t = String(text).toLowerCase();
  if (["online", "ok", "completed", "installed", "active", "approved", "intact", "success"].includes(t)) return "ok";
  if (["failed", "refused", "rejected", "critical", "broken", "revoked", "expired", "quarantined"].includes(t)) return "bad";
  if (["important", "pending", "delivered", "running", "queued", "dry-run", "planned", "installing"].includes(t)) return "warn";
  return "muted";
}

/** Copies text to the clipboard, saying so next to the button. */
export function copyButton(text, label = "Copy") {
  const b = h("button", { type: "button", class: "secondary" }, label);
  b.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = "Copied";
    } catch {
      b.textContent = "Select and copy it";
    }
    setTimeout(() => { b.textContent = label; }, 2000);
  });
  return b;
}
