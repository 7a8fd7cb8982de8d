// SPDX-License-Identifier: Apache-2.0
// The artifact repository: publish a plug-in bundle by upload (with progress), its versions with hashes and
// publishers, retire a version, and how far each version has reached the fleet. The agent's core releases below.
import { api, upload } from "./api.js";
import { h, table, section, badge, ago, bytes, progress, change, bars } from "./ui.js";

export async function render(view, ctx) {
  const [artifacts, cores, keys] = await Promise.all([api("GET", "/api/v1/artifacts"), api("GET", "/api/v1/cores"),
    api("GET", "/api/v1/updates/keys")]);
  const byName = new Map();
  for (const a of artifacts) (byName.get(a.symbolicName) || byName.set(a.symbolicName, []).get(a.symbolicName)).push(a);
  const rollouts = new Map(await Promise.all([...byName.keys()].map(async (n) =>
    [n, await api("GET", `/api/v1/artifacts/${encodeURIComponent(n)}/agents`)])));
  const targets = keys.find((k) => k.role === "targets");

  const file = h("input", { type: "file", id: "bundle-file", accept: ".jar,application/java-archive" });
  const bar = h("div", { id: "upload-progress" });
  const form = h("form", { class: "upload" },
    h("label", { for: "bundle-file" }, "A plug-in bundle (.jar, an OSGi bundle with a scanner descriptor)"), file,
    h("button", { type: "submit" }, "Publish"), bar);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    ctx.error();
    const f = file.files[0];
    if (!f) {
      ctx.error("Choose a .jar file to publish first.");
      return;
    }
    try {
      const published = await upload("/api/v1/artifacts", f, "application/java-archive", (sent, total) =>
        bar.replaceChildren(progress(sent, total, `${bytes(sent)} of ${bytes(total)} sent`)));
      await render(view, ctx);
      view.querySelector("#upload-progress").replaceChildren(progress(1, 1, `${f.name}: ${bytes(f.size)} published`));
      ctx.notice(`Published ${published.symbolicName} ${published.version} (SHA-256 ${published.sha256.slice(0, 12)}…). `
        + "Agents with its subsystem receive it at their next check-in.");
    } catch (e) {
      bar.replaceChildren();
      ctx.error(e);
    }
  });

  const plugins = [...byName.entries()].map(([name, versions]) => {
    const rollout = rollouts.get(name) || [];
    return h("article", { class: "bundle", dataset: { bundle: name, rollout: JSON.stringify(rollout) } },
      h("h4", {}, name, " ", h("span", { class: "muted" }, versions[0].name || "")),
      versions[0].description ? h("p", { class: "muted" }, versions[0].description) : "",
      h("p", {}, `Subsystems: ${(versions[0].subsystems || []).join(", ") || "none"}`),
      table([
        { title: "Version", cell: (v) => [h("strong", {}, v.version), v.retiredAt ? [" ", badge("retired", "muted")] : ""] },
        { title: "SHA-256", cell: (v) => h("code", { title: v.sha256 }, `${v.sha256.slice(0, 16)}…`) },
        { title: "Size", cell: (v) => bytes(v.length), class: "wide" },
        { title: "Signed", cell: () => (targets ? `targets v${targets.version}` : "—"), class: "wide" },
        { title: "Published", cell: (v) => [ago(v.publishedAt), ` by ${v.publishedBy}`] },
        { title: "", cell: (v) => (v.retiredAt ? "" : change("Retire", async () => {
          if (!confirm(`Retire ${name} ${v.version}? Agents move to the newest version not retired.`)) return;
          try {
            await api("POST", `/api/v1/artifacts/${encodeURIComponent(name)}/${encodeURIComponent(v.version)}/retire`);
            await render(view, ctx);
            ctx.notice(`${name} ${v.version} retired.`);
          } catch (e) {
            ctx.error(e);
          }
        }, { class: "secondary", dataset: { admin: "", change: "" } })) },
      ], versions),
      h("h5", {}, "On the fleet"), rolloutChart(name, rollout), h("p", { class: "muted small rollout" }, reachedWords(rollout)));
  });

  const publish = section("Publish", form, h("p", { class: "muted small" }, "The server checks the jar (a bundle, a descriptor, a version "
      + "never published before), stores it by its SHA-256 and signs it into the update metadata agents verify."));
  publish.dataset.admin = "";
  view.replaceChildren(h("h2", {}, "Bundles"), publish,
    section("Plug-ins", ...(plugins.length ? plugins : [h("p", { class: "muted" }, "No plug-in published yet.")])),
    section("Agent core releases", table([
      { title: "Platform", cell: (c) => c.platform },
      { title: "Version", cell: (c) => [c.version, c.retiredAt ? [" ", badge("retired", "muted")] : ""] },
      { title: "SHA-256", cell: (c) => h("code", { title: c.sha256 }, `${String(c.sha256 || "").slice(0, 16)}…`) },
      { title: "Published", cell: (c) => ago(c.publishedAt) },
    ], cores, "No core release published (java -jar redflag-server.jar publishes none by itself).")));
  if (ctx.rollouts) return; // the page drawn again after a publish: its timer runs already
  ctx.rollouts = ctx.every(5000, async () => {
    for (const el of view.querySelectorAll("article.bundle")) {
      const name = el.dataset.bundle;
      const rollout = await api("GET", `/api/v1/artifacts/${encodeURIComponent(name)}/agents`);
      if (el.dataset.rollout !== JSON.stringify(rollout)) {
        el.dataset.rollout = JSON.stringify(rollout);
        el.querySelector("svg").replaceWith(rolloutChart(name, rollout));
        el.querySelector(".rollout").textContent = reachedWords(rollout);
      }
    }
  });
}

const STATE_COLORS = { active: "#1e8e3e", failed: "#b3261e" };

/** Agents per version and state of one plug-in, as bars. */
function rolloutChart(name, rollout) {
  return bars(`Agents running ${name}, by version and state`, rollout.map((r) => ({ label: `${r.version} ${String(r.state).toLowerCase()}`,
    value: r.agents, color: STATE_COLORS[String(r.state).toLowerCase()] || "#80868b" })), { unit: [" agent", " agents"] });
}

function reachedWords(rollout) {
  const reached = rollout.reduce((n, r) => n + r.agents, 0);
  return !reached ? "No agent reports it yet." : reached === 1 ? "1 agent reports it." : `${reached} agents report it.`;
}
