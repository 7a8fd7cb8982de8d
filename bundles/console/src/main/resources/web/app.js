// SPDX-License-Identifier: Apache-2.0
// The console: plain ES modules over /api/v1 (the same API scripts use). The session lives in an HttpOnly cookie the
// page cannot read; the CSRF token from the sign-in answer goes with every change.
const $ = (id) => document.getElementById(id);
let csrf = null;

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrf && method !== "GET") headers["X-CSRF-Token"] = csrf;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin" });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: said below */ }
  if (!r.ok) {
    const why = json && (json.detail || json.error) ? json.detail || json.error : `the server answered ${r.status}`;
    const e = new Error(why);
    e.status = r.status;
    throw e;
  }
  return json;
}

function show(section) {
  for (const id of ["sign-in", "change-password", "overview"]) $(id).hidden = id !== section;
  const focus = { "sign-in": "name", "change-password": "current" }[section];
  if (focus) $(focus).focus();
}

function error(message) {
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

function signedIn(session) {
  csrf = session.csrfToken;
  $("who-name").textContent = `${session.name} (${session.role})`;
  $("who").hidden = false;
  if (session.mustChangePassword) {
    show("change-password");
  } else {
    show("overview");
    overview().catch((e) => error(e.message));
  }
}

function signedOut() {
  csrf = null;
  $("who").hidden = true;
  show("sign-in");
}

const SEVERITIES = ["critical", "important", "moderate", "low", "unknown"];

function chart(groups) {
  const svg = $("severity-chart");
  svg.replaceChildren();
  const counts = SEVERITIES.map((s) => ({ s, n: (groups.find((g) => String(g.key).toLowerCase() === s) || {}).updates || 0 }));
  const max = Math.max(1, ...counts.map((c) => c.n));
  const ns = "http://www.w3.org/2000/svg";
  const el = (name, attrs, text) => {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  counts.forEach((c, i) => {
    const y = 4 + i * 30;
    const width = Math.round((c.n / max) * 420);
    svg.append(el("text", { x: 0, y: y + 15 }, c.s),
      el("rect", { x: 90, y, width, height: 20, fill: ["#b3261e", "#e8710a", "#f9ab00", "#1e8e3e", "#80868b"][i] }),
      el("text", { x: 96 + width, y: y + 15, class: "count", "data-severity": c.s }, String(c.n)));
  });
}

async function overview() {
  const [agents, bySeverity] = await Promise.all([api("GET", "/api/v1/agents"),
    api("GET", "/api/v1/fleet/updates?groupBy=severity")]);
  const online = agents.filter((a) => a.online).length;
  $("online").textContent = online;
  $("offline").textContent = agents.length - online;
  $("pending").textContent = agents.reduce((n, a) => n + (a.pendingUpdates || 0), 0);
  chart(bySeverity);
  const rows = agents.map((a) => {
    const tr = document.createElement("tr");
    const cells = [a.hostname, [a.osFamily, a.osVersion].filter(Boolean).join(" "), a.online ? "online" : "offline",
      String(a.pendingUpdates || 0), (a.tags || []).join(", ")];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    if (!a.online) tr.children[2].className = "offline";
    return tr;
  });
  $("agents").tBodies[0].replaceChildren(...rows);
}

$("sign-in-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  error();
  try {
    signedIn(await api("POST", "/api/v1/session", { name: $("name").value, password: $("password").value }));
    $("password").value = "";
  } catch (e) {
    error(e.message);
  }
});

$("change-password-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  error();
  try {
    signedIn(await api("PUT", "/api/v1/session/password", { current: $("current").value, next: $("next").value }));
    $("current").value = "";
    $("next").value = "";
  } catch (e) {
    error(e.message);
  }
});

$("sign-out").addEventListener("click", async () => {
  error();
  try {
    await api("DELETE", "/api/v1/session");
  } catch (e) {
    if (e.status !== 401) error(e.message);
  }
  signedOut();
});

api("GET", "/api/v1/session").then(signedIn).catch(signedOut);
