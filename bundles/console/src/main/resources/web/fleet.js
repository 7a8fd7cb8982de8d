// SPDX-License-Identifier: Apache-2.0
// The fleet at a glance: agents online and offline, pending updates by severity and ecosystem, the packages and CVEs
// affecting most agents, check-ins over time.
import { api } from "./api.js";
import { h, bars, columns, table, badge, ago } from "./ui.js";

export const SEVERITIES = ["critical", "important", "moderate", "low", "unknown"];
export const SEVERITY_COLORS = { critical: "#b3261e", important: "#e8710a", moderate: "#c99400", low: "#1e8e3e", unknown: "#80868b" };

export async function render(view, ctx) {
  await draw(view);
  ctx.every(30000, () => draw(view).catch(ctx.error));
}

async function draw(view) {
  const [page, bySeverity, byEcosystem, byPackage, byCve, activity] = await Promise.all([
    api("GET", "/api/v1/agents?sort=-pending&limit=10", undefined, true),
    api("GET", "/api/v1/fleet/updates?groupBy=severity"),
    api("GET", "/api/v1/fleet/updates?groupBy=ecosystem"),
    api("GET", "/api/v1/fleet/updates?groupBy=package&limit=10"),
    api("GET", "/api/v1/fleet/updates?groupBy=cve&limit=10"),
    api("GET", "/api/v1/fleet/check-ins?hours=24"),
  ]);
  const [online, offline] = await Promise.all([
    api("GET", "/api/v1/agents?online=true&limit=1", undefined, true),
    api("GET", "/api/v1/agents?online=false&limit=1", undefined, true),
  ]);
  const total = (r) => Number(r.headers.get("X-Total-Count") || 0);
  const pending = bySeverity.reduce((n, g) => n + (g.updates || 0), 0);
  const severity = SEVERITIES.map((s) => ({ label: s, value: (bySeverity.find((g) => String(g.key).toLowerCase() === s) || {}).updates || 0,
    color: SEVERITY_COLORS[s] }));
  const card = (id, n, words, href) => h("a", { class: "card", href }, h("span", { class: "figure", id }, String(n)), h("span", {}, words));
  const sev = bars("Pending updates by severity", severity);
  sev.id = "severity-chart";
  view.replaceChildren(
    h("h2", {}, "Fleet"),
    h("div", { class: "cards" },
      card("online", total(online), "agents online", "#/agents?online=true"),
      card("offline", total(offline), "agents offline", "#/agents?online=false"),
      card("pending", pending, "pending updates", "#/agents?sort=-pending")),
    h("div", { class: "grid" },
      h("section", { class: "panel" }, h("h3", {}, "Pending updates by severity"), sev),
      h("section", { class: "panel" }, h("h3", {}, "Pending updates by ecosystem"),
        bars("Pending updates by ecosystem", byEcosystem.map((g) => ({ label: g.key, value: g.updates })), { color: "#1d5fb8" })),
      h("section", { class: "panel" }, h("h3", {}, "Packages on most agents"),
        bars("Packages with a pending update on most agents", byPackage.map((g) => ({ label: `${g.key} (${g.ecosystem})`, value: g.agents,
          color: SEVERITY_COLORS[String(g.severity || "unknown").toLowerCase()] })), { unit: [" agent", " agents"] })),
      h("section", { class: "panel" }, h("h3", {}, "CVEs on most agents"),
        bars("CVEs fixed by a pending update on most agents", byCve.map((g) => ({ label: g.key, value: g.agents,
          color: SEVERITY_COLORS[String(g.severity || "unknown").toLowerCase()] })), { unit: [" agent", " agents"] }))),
    h("section", { class: "panel" }, h("h3", {}, "Check-ins, last 24 hours"),
      columns("Check-ins over the last 24 hours", activity.checkIns, activity.from, activity.bucketSeconds)),
    h("section", { class: "panel" }, h("h3", {}, "Agents with most pending updates"),
      table([
        { title: "Host", cell: (a) => h("a", { href: `#/agents/${a.id}` }, a.hostname) },
        { title: "OS", cell: (a) => [a.osFamily, a.osVersion].filter(Boolean).join(" "), class: "wide" },
        { title: "Status", cell: (a) => badge(a.online ? "online" : "offline") },
        { title: "Pending updates", cell: (a) => String(a.pendingUpdates || 0) },
        { title: "Last seen", cell: (a) => ago(a.lastSeenAt), class: "wide" },
      ], page.body, "No agent has registered yet: create a registration token under Security.", { id: "agents" })));
}
