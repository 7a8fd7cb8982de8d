// SPDX-License-Identifier: Apache-2.0
// One agent: its facts, subsystems (enable, interval, scan now), pending updates with the whole way to an install —
// select → dry run → the plan shown → approve → install, with live progress — readings as charts, bundles, core
// version, command and update history, set-aside results.
import { api, query } from "./api.js";
import { h, table, facts, section, badge, ago, when, bars, change, bytes } from "./ui.js";
import { SEVERITY_COLORS } from "./fleet.js";

const OPEN = ["pending", "delivered"];

export async function render(view, ctx) {
  const id = ctx.id;
  const [a, catalog] = await Promise.all([api("GET", `/api/v1/agents/${id}`), api("GET", "/api/v1/subsystems")]);
  const updatesKinds = (a.subsystems || []).filter((s) => String(s.kind).toLowerCase() === "updates");
  const readingKinds = (a.subsystems || []).filter((s) => !updatesKinds.includes(s));
  const state = { agent: a, ecosystem: ctx.params.get("ecosystem") || (updatesKinds.find((s) => s.enabled) || updatesKinds[0] || {}).ecosystem,
    selected: new Set(), catalog };

  const header = h("div", { class: "title" },
    h("h2", {}, a.hostname),
    a.status !== "active" ? badge(a.status) : badge(a.online ? "online" : "offline"),
    h("span", { class: "muted" }, `last seen `, ago(a.lastSeenAt)));
  const alerts = h("div", {});
  const subsystems = h("div", { id: "subsystems" });
  const updates = h("div", { id: "updates" });
  const flow = h("div", { id: "flow", "aria-live": "polite" });
  const readings = h("div", { id: "readings" });
  const commands = h("div", { id: "commands" });
  const history = h("div", { id: "history" });

  view.replaceChildren(header, alerts,
    h("div", { class: "grid" }, section("Facts", agentFacts(a)), section("Readings", readings)),
    section("Subsystems", subsystems),
    section("Pending updates", updates, flow),
    h("div", { class: "grid" }, section("Bundles", agentBundles(a)), section("Core", core(a))),
    section("Commands", commands),
    section("Update history", history));

  const refreshAgent = async (force = false) => {
    const next = await api("GET", `/api/v1/agents/${id}`);
    const scanned = JSON.stringify((next.subsystems || []).map((s) => s.lastRunAt))
      !== JSON.stringify((state.agent.subsystems || []).map((s) => s.lastRunAt));
    state.agent = next;
    drawAlerts(alerts, next);
    // not while someone is typing in it, unless their change asked for it
    if (force || !subsystems.contains(document.activeElement)) drawSubsystems(subsystems, state, ctx, refreshAgent);
    if (scanned) await drawUpdates(updates, state, ctx, flow);
    await drawReadings(readings, id, readingKinds);
  };
  drawAlerts(alerts, a);
  drawSubsystems(subsystems, state, ctx, refreshAgent);
  await Promise.all([drawUpdates(updates, state, ctx, flow), drawReadings(readings, id, readingKinds),
    drawCommands(commands, id), drawHistory(history, id)]);
  ctx.every(4000, () => Promise.all([refreshAgent(false), drawCommands(commands, id), drawHistory(history, id)]).catch(ctx.error));
}

function agentFacts(a) {
  return facts([
    ["Id", h("code", {}, a.id)],
    ["OS", [a.osFamily, a.osVersion, a.architecture].filter(Boolean).join(" ")],
    ["Tags", (a.tags || []).join(", ") || "none"],
    ["Registered", when(a.registeredAt)],
    ["Accepts", (a.accepts || []).join(", ")],
    ["Key", a.keyThumbprint ? h("code", { title: "SHA-256 thumbprint of the agent's machine key" }, a.keyThumbprint) : ""],
    ["Heartbeat until", a.heartbeatUntil ? when(a.heartbeatUntil) : ""],
    ["Memory", a.host ? `${bytes(a.host.memoryTotalBytes - a.host.memoryAvailableBytes)} used of ${bytes(a.host.memoryTotalBytes)}` : ""],
    ["Load (1 min)", a.host ? `${a.host.loadAverage1m} on ${a.host.logicalCpus} CPUs` : ""],
    ["Reboot", a.host && a.host.rebootRequired ? badge(`required${a.host.rebootReason ? `: ${a.host.rebootReason}` : ""}`, "warn") : ""],
  ]);
}

function drawAlerts(box, a) {
  const items = [];
  for (const f of a.failedScanners || []) {
    items.push(h("li", {}, `Scanner ${f.ecosystem || f.component || ""} (${f.bundle || "?"}) failed on the agent: ${f.reason || ""}`));
  }
  for (const b of a.breakers || []) {
    if (String(b.state).toLowerCase() !== "closed") {
      items.push(h("li", {}, `${b.ecosystem}: scanner paused after ${b.failures} failures (${String(b.state).toLowerCase()})`,
        b.lastFailure ? `: ${b.lastFailure}` : "", b.retryAt ? [", retried ", ago(b.retryAt)] : ""));
    }
  }
  if (a.quarantinedResults) {
    items.push(h("li", { id: "quarantined" }, `${a.quarantinedResults} result(s) set aside by the agent: they broke the rules `
      + "and were never applied (the agent's log says why)."));
  }
  box.replaceChildren(...(items.length ? [h("ul", { class: "alerts" }, items)] : []));
}

function drawSubsystems(box, state, ctx, refresh) {
  const a = state.agent;
  const rows = (a.subsystems || []).map((s) => ({ ...s, __data: { ecosystem: s.ecosystem } }));
  const act = async (what, fn) => {
    try {
      await fn();
      ctx.notice(what);
      await refresh(true);
    } catch (e) {
      ctx.error(e);
    }
  };
  box.replaceChildren(table([
    { title: "Subsystem", cell: (s) => h("strong", {}, s.ecosystem) },
    { title: "Enabled", cell: (s) => h("input", { type: "checkbox", checked: s.enabled, "aria-label": `${s.ecosystem} enabled`,
      class: "enable", dataset: { change: "" },
      onchange: (ev) => act(`${s.ecosystem} ${ev.target.checked ? "enabled" : "disabled"}.`,
        () => api("PUT", `/api/v1/agents/${a.id}/subsystems/${s.ecosystem}`, { enabled: ev.target.checked })) }) },
    { title: "Every", cell: (s) => interval(s, (seconds) => act(`${s.ecosystem} scans every ${seconds / 60} min.`,
      () => api("PUT", `/api/v1/agents/${a.id}/subsystems/${s.ecosystem}`, { intervalSeconds: seconds }))) },
    { title: "Last scan", cell: (s) => [s.lastStatus ? badge(s.lastStatus) : "", " ", ago(s.lastRunAt),
      s.lastMessage ? h("div", { class: "muted small" }, s.lastMessage) : ""] },
    { title: "Next", cell: (s) => s.enabled ? ago(s.nextRunAt) : "off", class: "wide" },
    { title: "", cell: (s) => change("Scan now", () => act(`${s.ecosystem}: scan asked for; the agent picks it up at its next check-in.`,
      () => api("POST", `/api/v1/agents/${a.id}/subsystems/${s.ecosystem}/scan`)), { disabled: !s.enabled, class: "scan" }) },
  ], rows, "This agent reported no subsystem yet."), addSubsystem(state, act));
}

/** Subsystems the server knows (its own and published plug-ins') that this agent has not been given yet. */
function addSubsystem(state, act) {
  const a = state.agent;
  const have = new Set((a.subsystems || []).map((s) => s.ecosystem));
  const missing = (state.catalog || []).filter((d) => !have.has(d.ecosystem));
  if (!missing.length) return "";
  const select = h("select", { id: "add-subsystem" }, missing.map((d) => h("option", { value: d.ecosystem }, `${d.displayName || d.ecosystem} (${d.ecosystem})`)));
  const form = h("form", { class: "inline-form", dataset: { change: "" } }, h("label", { for: "add-subsystem" }, "Enable another subsystem"),
    select, h("button", { type: "submit", class: "secondary" }, "Enable"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const eco = select.value;
    act(`${eco} enabled: the agent fetches its plug-in if it lacks it, then scans.`,
      () => api("PUT", `/api/v1/agents/${a.id}/subsystems/${eco}`, { enabled: true }));
  });
  return form;
}

function interval(s, save) {
  const minutes = Math.round(s.intervalSeconds / 60);
  const input = h("input", { type: "number", min: 1, max: 10080, value: minutes, "aria-label": `${s.ecosystem} interval in minutes`,
    class: "interval", dataset: { change: "" } });
  const form = h("form", { class: "inline" }, input, h("span", {}, " min "), h("button", { type: "submit", class: "secondary", dataset: { change: "" } }, "Save"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    save(Math.round(Number(input.value) * 60));
  });
  const viewerText = h("span", { class: "viewer-only" }, `${minutes} min`);
  return [form, viewerText];
}

async function drawUpdates(box, state, ctx, flowBox) {
  const a = state.agent;
  const kinds = (a.subsystems || []).filter((s) => String(s.kind).toLowerCase() === "updates");
  if (!kinds.length) {
    box.replaceChildren(h("p", { class: "muted" }, "No update subsystem on this agent."));
    return;
  }
  const eco = state.ecosystem || kinds[0].ecosystem;
  const records = await api("GET", `/api/v1/agents/${a.id}/updates${query({ ecosystem: eco })}`);
  const ids = new Set(records.map((r) => r.id));
  for (const s of [...state.selected]) if (!ids.has(s)) state.selected.delete(s);
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Ecosystem" }, kinds.map((s) =>
    h("button", { type: "button", role: "tab", "aria-selected": s.ecosystem === eco, class: s.ecosystem === eco ? "on" : "",
      onclick: () => { state.ecosystem = s.ecosystem; state.selected.clear(); drawUpdates(box, state, ctx, flowBox).catch(ctx.error); } },
    s.ecosystem)));
  const count = h("span", { id: "selected-count" });
  const dry = change("", () => startDryRun(state, ctx, flowBox), { id: "dry-run", class: "primary" });
  const sync = () => {
    count.textContent = `${state.selected.size} selected`;
    dry.textContent = `Dry run ${state.selected.size || "all"} ${state.selected.size === 1 ? "update" : "updates"}`;
    dry.disabled = !records.length;
  };
  const all = h("input", { type: "checkbox", "aria-label": "Select every update", dataset: { change: "" },
    onchange: (ev) => {
      for (const r of records) ev.target.checked ? state.selected.add(r.id) : state.selected.delete(r.id);
      box.querySelectorAll("input.pick").forEach((c) => { c.checked = ev.target.checked; });
      sync();
    } });
  const rows = records.map((r) => ({ ...r, __data: { package: r.id } }));
  box.replaceChildren(tabs, table([
    { title: "Select", head: all, cell: (r) => h("input", { type: "checkbox", class: "pick", checked: state.selected.has(r.id),
      "aria-label": `select ${r.name || r.id}`, dataset: { change: "" },
      onchange: (ev) => { ev.target.checked ? state.selected.add(r.id) : state.selected.delete(r.id); sync(); } }) },
    { title: "Package", cell: (r) => [h("strong", {}, r.name || r.id), r.architecture ? h("span", { class: "muted" }, ` ${r.architecture}`) : ""] },
    { title: "Installed → available", cell: (r) => `${r.installedVersion || "–"} → ${r.availableVersion || "–"}` },
    { title: "Severity", cell: (r) => h("span", { class: "sev", style: { borderColor: SEVERITY_COLORS[String(r.severity).toLowerCase()] || "#80868b" } },
      String(r.severity || "unknown").toLowerCase(), r.security ? " · security" : "") },
    { title: "Source", cell: (r) => r.source || "", class: "wide" },
    { title: "State", cell: (r) => [badge(r.lifecycle || "pending"), " ", r.lifecycleAt ? ago(r.lifecycleAt) : ""] },
  ], rows, "Nothing pending: this ecosystem is up to date (as of its last scan).", { id: "updates-table" }),
  h("div", { class: "actions" }, count, dry));
  sync();
}

/** The way from a selection to an install, each step shown as it happens. */
async function startDryRun(state, ctx, box) {
  const a = state.agent;
  const packages = [...state.selected];
  const records = packages.length ? packages : [...document.querySelectorAll("#updates-table tr[data-package]")].map((tr) => tr.dataset.package);
  ctx.error();
  try {
    const accepted = await api("POST", `/api/v1/agents/${a.id}/dry-runs`, { ecosystem: state.ecosystem, packages: records });
    await follow(box, ctx, accepted.commandId, "Dry run", (c) => planStep(box, state, ctx, c));
  } catch (e) {
    ctx.error(e);
  }
}

/** Polls one command until it is done, showing where it stands; then `done(command)`. */
async function follow(box, ctx, commandId, what, done) {
  const steps = ["pending", "delivered", "completed"];
  const draw = (c) => {
    const status = String(c.status).toLowerCase();
    const at = status === "failed" || status === "refused" ? 2 : steps.indexOf(status);
    box.replaceChildren(h("div", { class: "flow", dataset: { command: commandId, status } },
      h("h4", {}, `${what} — `, badge(status)),
      h("ol", { class: "steps" }, ["queued for the agent", "picked up by the agent", status === "completed" ? "done" : status === "failed" || status === "refused" ? status : "done"]
        .map((t, i) => h("li", { class: i < at ? "done" : i === at ? "now" : "" }, t))),
      c.result && c.result.message ? h("p", { class: "message" }, c.result.message) : ""));
  };
  for (;;) {
    if (!ctx.current()) return;
    const c = await api("GET", `/api/v1/commands/${commandId}`);
    draw(c);
    if (!OPEN.includes(String(c.status).toLowerCase())) {
      done(c);
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function planStep(box, state, ctx, c) {
  const status = String(c.status).toLowerCase();
  if (status !== "completed" || !c.result || !c.result.plan) {
    box.append(h("p", { class: "bad" }, `The dry run did not give a plan: ${(c.result && c.result.message) || status}.`));
    return;
  }
  const plan = c.result.plan;
  const comment = h("input", { id: "approval-comment", placeholder: "e.g. CHG-1234", "aria-label": "Comment (change ticket)", dataset: { change: "" } });
  const decide = (decision) => async () => {
    try {
      await api("POST", "/api/v1/approvals", { dryRunId: c.id, decision, comment: comment.value || undefined });
      ctx.notice(`Plan ${decision}.`);
      buttons.querySelectorAll("button").forEach((b) => { b.disabled = true; });
      if (decision === "approved") install.hidden = false;
    } catch (e) {
      ctx.error(e);
    }
  };
  const install = change("Install this plan", async () => {
    install.disabled = true;
    try {
      const accepted = await api("POST", `/api/v1/agents/${state.agent.id}/installs`, { dryRunId: c.id });
      const out = h("div", {});
      box.append(out);
      await follow(out, ctx, accepted.commandId, "Install", (done) => {
        const r = done.result && done.result.install;
        if (r) {
          out.append(h("p", { class: r.success ? "ok" : "bad", id: "install-outcome" },
            r.success ? `Installed (exit ${r.exitCode})${r.rebootRequired ? "; a reboot is required" : ""}.` : `Install failed (exit ${r.exitCode}): ${r.message || ""}`),
          r.output ? h("details", {}, h("summary", {}, "Output"), h("pre", {}, r.output)) : "");
        }
      });
    } catch (e) {
      install.disabled = false;
      ctx.error(e);
    }
  }, { id: "install", class: "primary" });
  const buttons = h("div", { class: "actions" }, h("label", { for: "approval-comment" }, "Comment"), comment,
    change("Approve", decide("approved"), { id: "approve", class: "primary" }),
    change("Reject", decide("rejected"), { id: "reject", class: "secondary" }),
    change("Install without approval", () => install.click(), { class: "secondary", id: "install-direct" }));
  install.hidden = true;
  box.append(h("div", { class: "plan", id: "plan" },
    h("h4", {}, "The plan"),
    h("p", {}, "Exactly what the agent will do (computed by the package manager on the machine); its hash binds the install:"),
    h("p", {}, h("code", { id: "plan-hash" }, plan.hash)),
    table([
      { title: "Action", cell: (p) => String(p.action || "").toLowerCase() },
      { title: "Package", cell: (p) => `${p.name}${p.architecture ? `:${p.architecture}` : ""}` },
      { title: "From → to", cell: (p) => `${p.fromVersion || "–"} → ${p.toVersion || "–"}` },
      { title: "Source", cell: (p) => p.source || "", class: "wide" },
    ], plan.changes || [], "The plan changes nothing.", { id: "plan-changes" }),
    (plan.notes || []).length ? h("ul", {}, plan.notes.map((n) => h("li", {}, n))) : "",
    buttons, h("div", { class: "actions" }, install)));
}

async function drawReadings(box, id, kinds) {
  if (!kinds.length) {
    box.replaceChildren(h("p", { class: "muted" }, "No readings subsystem on this agent."));
    return;
  }
  const all = await api("GET", `/api/v1/agents/${id}/metrics`);
  const percent = all.filter((r) => r.unit === "%" && typeof r.value === "number");
  const other = all.filter((r) => !percent.includes(r));
  box.replaceChildren(
    bars("Used, in percent", percent.map((r) => ({ label: r.name || r.id, value: Math.round(r.value),
      color: SEVERITY_COLORS[String(r.severity).toLowerCase()] || "#1d5fb8" })), { unit: "%", width: 520 }),
    other.length ? facts(other.map((r) => [r.name || r.id, r.text || `${r.detail || `${r.value} ${r.unit || ""}`}`])) : "",
    all.length ? h("p", { class: "muted small" }, "read ", ago(all[0].observedAt)) : "");
}

function agentBundles(a) {
  return [
    table([
      { title: "Bundle", cell: (b) => b.symbolicName },
      { title: "Version", cell: (b) => b.version },
      { title: "State", cell: (b) => [badge(String(b.state).toLowerCase()), b.failure ? h("div", { class: "small bad" }, b.failure) : ""] },
      { title: "Kind", cell: (b) => (b.base ? "built in" : "plug-in"), class: "wide" },
    ], a.bundles || [], "The agent has not reported its bundles yet."),
    a.appliedDesiredState ? h("p", { class: "muted small" }, `applied desired state ${a.appliedDesiredState}`) : ""];
}

function core(a) {
  return [facts([["Agent version", a.agentVersion], ["Platform", a.platform]]),
    table([
      { title: "Version", cell: (u) => `${u.from || "?"} → ${u.version}` },
      { title: "Outcome", cell: (u) => [badge(String(u.outcome).toLowerCase()), u.reason ? h("div", { class: "small" }, u.reason) : ""] },
      { title: "When", cell: (u) => ago(u.at) },
    ], a.coreUpdates || [], "No core update yet.")];
}

async function drawCommands(box, id) {
  const list = await api("GET", `/api/v1/commands${query({ agentId: id, limit: 15 })}`);
  box.replaceChildren(table([
    { title: "Type", cell: (c) => [String(c.type).toLowerCase(), c.ecosystem ? ` (${c.ecosystem})` : ""] },
    { title: "Status", cell: (c) => badge(String(c.status).toLowerCase()) },
    { title: "Packages", cell: (c) => ((c.params && c.params.packages) || []).slice(0, 5).join(", ")
      + (((c.params && c.params.packages) || []).length > 5 ? "…" : ""), class: "wide" },
    { title: "By", cell: (c) => c.requestedBy || "scheduler", class: "wide" },
    { title: "Asked", cell: (c) => ago(c.createdAt) },
    { title: "Done", cell: (c) => (c.completedAt ? ago(c.completedAt) : "") },
  ], list, "No command yet."));
}

async function drawHistory(box, id) {
  const events = await api("GET", `/api/v1/agents/${id}/history${query({ limit: 20 })}`);
  box.replaceChildren(table([
    { title: "Package", cell: (e) => `${e.packageId} (${e.ecosystem})` },
    { title: "Step", cell: (e) => badge(String(e.state).toLowerCase()) },
    { title: "Versions", cell: (e) => (e.fromVersion || e.toVersion ? `${e.fromVersion || "–"} → ${e.toVersion || "–"}` : ""), class: "wide" },
    { title: "Who", cell: (e) => e.actor || "" },
    { title: "When", cell: (e) => ago(e.at) },
    { title: "Said", cell: (e) => e.detail || "", class: "wide" },
  ], events, "No update has been dry-run or installed here yet."));
}
