// SPDX-License-Identifier: Apache-2.0
// Every agent, filtered, sorted and paged by the server (fast on 10,000): the filters live in the URL, so a view can be
// bookmarked and the back button works.
import { api, query } from "./api.js";
import { h, table, badge, ago } from "./ui.js";
import { SEVERITIES } from "./fleet.js";

const PAGE = 50;
const SORTS = [["hostname", "Host"], ["os", "OS"], ["lastSeen", "Last seen"], ["pending", "Pending updates"]];

export async function render(view, ctx) {
  const p = Object.fromEntries(ctx.params);
  const offset = Math.max(0, Number(p.offset || 0) | 0);
  const sort = p.sort || "hostname";
  const r = await api("GET", `/api/v1/agents${query({ q: p.q, os: p.os, online: p.online, severity: p.severity, tag: p.tag,
    sort, offset, limit: PAGE })}`, undefined, true);
  const total = Number(r.headers.get("X-Total-Count") || r.body.length);
  const go = (changes) => {
    const next = { ...p, ...changes };
    for (const k of Object.keys(next)) if (next[k] === "" || next[k] === undefined) delete next[k];
    ctx.go(`#/agents${query(next)}`);
  };

  const select = (id, label, value, options) => [h("label", { for: id }, label),
    h("select", { id, name: id }, options.map(([v, text]) => h("option", { value: v, selected: v === (value || "") }, text)))];
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter agents" },
    h("label", { for: "q" }, "Host or id"), h("input", { id: "q", name: "q", type: "search", value: p.q || "", placeholder: "part of a hostname" }),
    ...select("os", "OS", p.os, [["", "any"], ["linux", "Linux"], ["windows", "Windows"]]),
    ...select("online", "Status", p.online, [["", "any"], ["true", "online"], ["false", "offline"]]),
    ...select("severity", "Pending, at least", p.severity, [["", "any"], ...SEVERITIES.slice(0, 4).map((s) => [s, s])]),
    h("label", { for: "tag" }, "Tag"), h("input", { id: "tag", name: "tag", value: p.tag || "", placeholder: "e.g. web" }),
    h("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    go({ q: f.get("q").trim(), os: f.get("os"), online: f.get("online"), severity: f.get("severity"), tag: f.get("tag").trim(), offset: "" });
  });

  const header = (key, title) => {
    const active = sort.replace(/^-/, "") === key;
    const descending = sort.startsWith("-");
    return h("button", { type: "button", class: "sort", "aria-sort": active ? (descending ? "descending" : "ascending") : undefined,
      onclick: () => go({ sort: active && !descending ? `-${key}` : key, offset: "" }) },
    title, active ? (descending ? " ▼" : " ▲") : "");
  };
  const col = (key) => SORTS.find(([k]) => k === key);
  const list = table([
    { title: "Host", head: header(...col("hostname")), cell: (a) => h("a", { href: `#/agents/${a.id}` }, a.hostname) },
    { title: "OS", head: header(...col("os")), cell: (a) => [a.osFamily, a.osVersion].filter(Boolean).join(" ") },
    { title: "Status", cell: (a) => a.status !== "active" ? badge(a.status) : badge(a.online ? "online" : "offline") },
    { title: "Pending updates", head: header(...col("pending")), cell: (a) => String(a.pendingUpdates || 0) },
    { title: "Tags", cell: (a) => (a.tags || []).join(", "), class: "wide" },
    { title: "Agent", cell: (a) => a.agentVersion || "", class: "wide" },
    { title: "Last seen", head: header(...col("lastSeen")), cell: (a) => ago(a.lastSeenAt) },
  ], r.body, total ? "No agent on this page." : "No agent matches.", { id: "agents" });

  const last = Math.min(total, offset + r.body.length);
  const pager = h("nav", { class: "pager", "aria-label": "Pages of agents" },
    h("button", { type: "button", class: "secondary", disabled: offset === 0, onclick: () => go({ offset: Math.max(0, offset - PAGE) || "" }) }, "Previous"),
    h("span", { id: "agents-range" }, total ? `${offset + 1}–${last} of ${total}` : "0 agents"),
    h("button", { type: "button", class: "secondary", disabled: last >= total, onclick: () => go({ offset: offset + PAGE }) }, "Next"));
  view.replaceChildren(h("h2", {}, "Agents"), form, list, pager);
}
