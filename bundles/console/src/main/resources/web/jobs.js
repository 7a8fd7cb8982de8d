// SPDX-License-Identifier: Apache-2.0
// Bulk jobs: one action across the agents a selection names (scan, dry run), then approve, reject or install each
// agent's own plan from a dry-run job; per-agent progress, live.
import { api } from "./api.js";
import { h, table, section, badge, ago, progress, change } from "./ui.js";
import { SEVERITIES } from "./fleet.js";

export async function render(view, ctx) {
  if (ctx.id) return job(view, ctx, ctx.id);
  const [jobs, subsystems] = await Promise.all([api("GET", "/api/v1/jobs?limit=50"), api("GET", "/api/v1/subsystems")]);
  const updateKinds = subsystems.filter((s) => String(s.kind).toLowerCase() === "updates").map((s) => s.ecosystem);
  const field = (id, label, control) => h("div", { class: "field" }, h("label", { for: id }, label), control);
  const form = h("form", { class: "job-form", dataset: { change: "" } },
    field("job-action", "Action", h("select", { id: "job-action" }, h("option", { value: "scan" }, "scan"), h("option", { value: "dry-run" }, "dry run"))),
    field("job-ecosystem", "Ecosystem", h("select", { id: "job-ecosystem" }, updateKinds.map((e) => h("option", { value: e }, e)))),
    field("job-packages", "Packages (dry run; empty: each agent's pending ones)", h("input", { id: "job-packages", placeholder: "openssl, curl" })),
    field("job-tag", "Agents tagged", h("input", { id: "job-tag", placeholder: "any tag" })),
    field("job-os", "OS", h("select", { id: "job-os" }, [["", "any"], ["linux", "Linux"], ["windows", "Windows"]].map(([v, t]) => h("option", { value: v }, t)))),
    field("job-severity", "With a pending update at least", h("select", { id: "job-severity" },
      [["", "any"], ...SEVERITIES.slice(0, 4).map((s) => [s, s])].map(([v, t]) => h("option", { value: v }, t)))),
    field("job-online", "Only online agents", h("input", { id: "job-online", type: "checkbox", checked: true })),
    field("job-comment", "Comment", h("input", { id: "job-comment", placeholder: "e.g. CHG-1234" })),
    h("button", { type: "submit" }, "Start job"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    ctx.error();
    const v = (id) => form.querySelector(`#${id}`).value.trim();
    const selection = { tag: v("job-tag") || undefined, os: v("job-os") || undefined, severity: v("job-severity") || undefined,
      online: form.querySelector("#job-online").checked ? true : undefined };
    if (!selection.tag && !selection.os && !selection.severity && !selection.online) selection.all = true;
    try {
      const started = await api("POST", "/api/v1/jobs", { action: v("job-action"), ecosystem: v("job-ecosystem"), selection,
        packages: v("job-packages") ? v("job-packages").split(/[\s,]+/).filter(Boolean) : [], comment: v("job-comment") || undefined });
      ctx.go(`#/jobs/${started.id}`);
    } catch (e) {
      ctx.error(e);
    }
  });
  view.replaceChildren(h("h2", {}, "Jobs"), section("New job", form), section("Jobs", jobList(jobs)));
  ctx.every(3000, async () => {
    const next = await api("GET", "/api/v1/jobs?limit=50");
    view.querySelector("#jobs").closest(".table-wrap").replaceWith(jobList(next));
  });
}

function jobList(jobs) {
  return table([
    { title: "Job", cell: (j) => h("a", { href: `#/jobs/${j.id}` }, `${j.action}${j.ecosystem ? ` ${j.ecosystem}` : ""}`) },
    { title: "Progress", cell: (j) => counts(j) },
    { title: "By", cell: (j) => j.createdBy, class: "wide" },
    { title: "Started", cell: (j) => ago(j.createdAt) },
    { title: "Comment", cell: (j) => j.comment || "", class: "wide" },
  ], jobs, "No job yet.", { id: "jobs" });
}

function counts(j) {
  const c = j.counts || {};
  const done = (c.completed || 0) + (c.failed || 0) + (c.skipped || 0);
  return progress(done, c.total || 0, `${done} of ${c.total || 0} done · ${c.completed || 0} ok, ${c.failed || 0} failed, `
    + `${c.skipped || 0} skipped${j.finished ? "" : `, ${(c.queued || 0) + (c.running || 0)} to go`}`);
}

async function job(view, ctx, id) {
  const draw = (j) => {
    const followUps = j.action === "dry-run" && j.finished ? h("div", { class: "actions", dataset: { change: "" } },
      h("label", { for: "follow-comment" }, "Comment"), h("input", { id: "follow-comment", placeholder: "e.g. CHG-1234" }),
      ...["approve", "reject", "install"].map((action) => change(`${action[0].toUpperCase()}${action.slice(1)} every plan`, async () => {
        try {
          const next = await api("POST", "/api/v1/jobs", { action, jobId: j.id, comment: view.querySelector("#follow-comment").value || undefined });
          ctx.go(`#/jobs/${next.id}`);
        } catch (e) {
          ctx.error(e);
        }
      }, { class: action === "reject" ? "secondary" : "primary", id: `job-${action}` }))) : "";
    view.replaceChildren(h("h2", {}, `Job: ${j.action}${j.ecosystem ? ` ${j.ecosystem}` : ""}`),
      h("p", {}, `Started by ${j.createdBy} `, ago(j.createdAt), j.comment ? ` — ${j.comment}` : "",
        j.sourceJobId ? [" — on the plans of ", h("a", { href: `#/jobs/${j.sourceJobId}` }, "this dry-run job")] : ""),
      counts(j), j.finished ? badge("finished", "ok") : badge("running", "warn"), followUps,
      section("Agents", table([
        { title: "Agent", cell: (a) => h("a", { href: `#/agents/${a.agentId}` }, a.hostname || a.agentId) },
        { title: "State", cell: (a) => badge(String(a.state).toLowerCase()) },
        { title: "Said", cell: (a) => a.message || "" },
      ], j.agents || [], "The selection matched no agent.", { id: "job-agents" })));
    return j.finished;
  };
  if (draw(await api("GET", `/api/v1/jobs/${id}`))) return;
  const stop = ctx.every(2000, async () => {
    if (draw(await api("GET", `/api/v1/jobs/${id}`))) stop();
  });
}
