// SPDX-License-Identifier: Apache-2.0
// Who and what may act: registration tokens (with the install one-liner), console accounts, operator tokens, the
// server's keys, and the audit log with its verification. Secrets are shown once, when they are made.
import { api, query } from "./api.js";
import { h, table, section, badge, ago, when, change, copyButton } from "./ui.js";

export async function render(view, ctx) {
  const admin = ctx.session.role === "admin";
  const [tokens, publicKey, keys] = await Promise.all([api("GET", "/api/v1/registration-tokens"),
    api("GET", "/api/v1/public-key"), api("GET", "/api/v1/updates/keys")]);
  const parts = [h("h2", {}, "Security"), registration(view, ctx, tokens), signing(view, ctx, publicKey, keys)];
  if (admin) {
    const [accounts, operatorTokens, audit, verification] = await Promise.all([api("GET", "/api/v1/accounts"),
      api("GET", "/api/v1/operator-tokens"), api("GET", "/api/v1/audit?limit=50"), api("GET", "/api/v1/audit/verify")]);
    parts.push(accountsSection(view, ctx, accounts), operatorTokensSection(view, ctx, operatorTokens),
      auditSection(view, ctx, audit, verification));
  } else {
    parts.push(h("p", { class: "muted" }, "Accounts, operator tokens and the audit log are for admins."));
  }
  view.replaceChildren(...parts);
}

/** A secret shown once, with a copy button and the warning that it will not be shown again. */
function once(title, secret, extra) {
  return h("div", { class: "once", role: "status" }, h("strong", {}, title),
    h("p", {}, "Shown once: copy it now, the server keeps only its hash."),
    h("pre", { class: "secret" }, secret), copyButton(secret), extra || "");
}

function registration(view, ctx, tokens) {
  const shown = h("div", { id: "new-registration-token" });
  const form = h("form", { class: "inline-form", id: "registration-token-form", dataset: { change: "" } },
    h("label", { for: "rt-seats" }, "Agents it may enrol"), h("input", { id: "rt-seats", type: "number", min: 1, max: 10000, value: 1 }),
    h("label", { for: "rt-hours" }, "Valid for (hours)"), h("input", { id: "rt-hours", type: "number", min: 1, max: 8760, value: 24 }),
    h("label", { for: "rt-note" }, "Note"), h("input", { id: "rt-note", placeholder: "e.g. web servers, rack 4" }),
    h("button", { type: "submit" }, "Create registration token"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    ctx.error();
    try {
      const t = await api("POST", "/api/v1/registration-tokens", { seats: Number(form.querySelector("#rt-seats").value),
        expiresInSeconds: Number(form.querySelector("#rt-hours").value) * 3600, note: form.querySelector("#rt-note").value || undefined });
      const oneLiner = `curl -fsSL ${location.origin}/api/v1/install/agent.sh | sudo REDFLAG_TOKEN=${t.token} sh`;
      const list = await api("GET", "/api/v1/registration-tokens");
      view.querySelector("#registration-tokens").closest(".table-wrap").replaceWith(tokenTable(view, ctx, list));
      shown.replaceChildren(once(`Registration token for ${t.seats} agent(s), until ${new Date(Date.parse(t.expiresAt)).toLocaleString()}`, t.token,
        h("div", {}, h("p", {}, "Install an agent with it (Linux, as root):"), h("pre", { class: "secret", id: "one-liner" }, oneLiner),
          copyButton(oneLiner, "Copy the one-liner"))));
    } catch (e) {
      ctx.error(e);
    }
  });
  return section("Registration tokens", form, shown, tokenTable(view, ctx, tokens));
}

function tokenTable(view, ctx, tokens) {
  return table([
    { title: "Note", cell: (t) => t.note || h("span", { class: "muted" }, t.id.slice(0, 8)) },
    { title: "Used", cell: (t) => `${t.used} of ${t.seats}` },
    { title: "State", cell: (t) => badge(t.revokedAt ? "revoked" : Date.parse(t.expiresAt) < Date.now() ? "expired" : t.used >= t.seats ? "used up" : "open",
      t.revokedAt || Date.parse(t.expiresAt) < Date.now() ? "bad" : t.used >= t.seats ? "muted" : "ok") },
    { title: "Expires", cell: (t) => when(t.expiresAt), class: "wide" },
    { title: "By", cell: (t) => [t.createdBy, " ", ago(t.createdAt)], class: "wide" },
    { title: "", cell: (t) => (t.revokedAt ? "" : change("Revoke", async () => {
      try {
        await api("DELETE", `/api/v1/registration-tokens/${t.id}`);
        ctx.notice(`Registration token ${t.note || t.id.slice(0, 8)} revoked: no agent can enrol with it any more.`);
        view.querySelector("#registration-tokens").closest(".table-wrap").replaceWith(tokenTable(view, ctx,
          await api("GET", "/api/v1/registration-tokens")));
      } catch (e) {
        ctx.error(e);
      }
    }, { class: "secondary revoke", dataset: { token: t.id } })) },
  ], tokens.map((t) => ({ ...t, __data: { token: t.id } })), "No registration token yet.", { id: "registration-tokens" });
}

function signing(view, ctx, publicKey, keys) {
  const rotate = (role) => change("Rotate", async () => {
    if (!confirm(`Rotate the ${role} key? Agents follow through the signed root metadata.`)) return;
    try {
      const next = await api("POST", `/api/v1/updates/keys/${role}/rotate`);
      ctx.notice(`The ${role} key is rotated (version ${next.find((k) => k.role === role).version}).`);
      view.querySelector("#update-keys").closest(".table-wrap").replaceWith(keyTable(next, rotate));
    } catch (e) {
      ctx.error(e);
    }
  }, { class: "secondary", dataset: { admin: "", change: "" } });
  return section("Signing keys",
    h("p", {}, "Commands are signed with the server's Ed25519 key; agents pin it at enrolment. Fingerprint:"),
    h("p", {}, h("code", { id: "key-fingerprint" }, publicKey.fingerprint || publicKey.keyId)),
    h("p", {}, "Plug-ins and core releases reach agents through signed update metadata (The Update Framework), one key per role:"),
    keyTable(keys, rotate));
}

function keyTable(keys, rotate) {
  return table([
    { title: "Role", cell: (k) => k.role },
    { title: "Metadata version", cell: (k) => String(k.version) },
    { title: "Expires", cell: (k) => when(k.expiresAt) },
    { title: "Key here", cell: (k) => (k.keyHere ? "yes" : "offline") },
    { title: "", cell: (k) => (k.keyHere ? rotate(k.role) : "") },
  ], keys, "No update keys.", { id: "update-keys" });
}

function accountsSection(view, ctx, accounts) {
  const shown = h("div", {});
  const form = h("form", { class: "inline-form", id: "account-form" },
    h("label", { for: "acct-name" }, "Name"), h("input", { id: "acct-name", required: true, placeholder: "e.g. dana" }),
    h("label", { for: "acct-role" }, "Role"), h("select", { id: "acct-role" }, ["viewer", "operator", "admin"].map((r) => h("option", { value: r }, r))),
    h("button", { type: "submit" }, "Create account"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    ctx.error();
    try {
      const a = await api("POST", "/api/v1/accounts", { name: form.querySelector("#acct-name").value.trim(), role: form.querySelector("#acct-role").value });
      shown.replaceChildren(once(`One-time password for ${a.name} (${a.role}); they choose their own at the first sign-in`, a.oneTimePassword));
      view.querySelector("#accounts").closest(".table-wrap").replaceWith(accountTable(await api("GET", "/api/v1/accounts")));
    } catch (e) {
      ctx.error(e);
    }
  });
  return section("Console accounts", form, shown, accountTable(accounts));
}

function accountTable(accounts) {
  return table([
    { title: "Name", cell: (a) => a.name },
    { title: "Role", cell: (a) => String(a.role).toLowerCase() },
    { title: "State", cell: (a) => (a.disabledAt ? badge("disabled", "bad") : a.mustChangePassword ? badge("one-time password", "warn") : badge("active", "ok")) },
    { title: "Created", cell: (a) => [ago(a.createdAt), ` by ${a.createdBy}`], class: "wide" },
  ], accounts, "No account.", { id: "accounts" });
}

function operatorTokensSection(view, ctx, tokens) {
  const shown = h("div", {});
  const form = h("form", { class: "inline-form", id: "operator-token-form" },
    h("label", { for: "ot-name" }, "Name"), h("input", { id: "ot-name", required: true, placeholder: "e.g. ci-pipeline" }),
    h("label", { for: "ot-role" }, "Role"), h("select", { id: "ot-role" }, ["viewer", "operator", "admin"].map((r) => h("option", { value: r }, r))),
    h("button", { type: "submit" }, "Create operator token"));
  const redraw = async () => view.querySelector("#operator-tokens").closest(".table-wrap").replaceWith(
    operatorTable(await api("GET", "/api/v1/operator-tokens"), revoke));
  const revoke = (t) => change("Revoke", async () => {
    try {
      await api("DELETE", `/api/v1/operator-tokens/${t.id}`);
      ctx.notice(`Operator token ${t.name} revoked.`);
      await redraw();
    } catch (e) {
      ctx.error(e);
    }
  }, { class: "secondary" });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    ctx.error();
    try {
      const t = await api("POST", "/api/v1/operator-tokens", { name: form.querySelector("#ot-name").value.trim(), role: form.querySelector("#ot-role").value });
      shown.replaceChildren(once(`Operator token ${t.name} (${String(t.role).toLowerCase()}) for scripts: Authorization: Bearer …`, t.token));
      await redraw();
    } catch (e) {
      ctx.error(e);
    }
  });
  return section("Operator tokens (for scripts)", form, shown, operatorTable(tokens, revoke));
}

function operatorTable(tokens, revoke) {
  return table([
    { title: "Name", cell: (t) => t.name },
    { title: "Role", cell: (t) => String(t.role).toLowerCase() },
    { title: "Last used", cell: (t) => ago(t.lastUsedAt) },
    { title: "State", cell: (t) => (t.revokedAt ? badge("revoked") : badge("active", "ok")) },
    { title: "", cell: (t) => (t.revokedAt ? "" : revoke(t)) },
  ], tokens, "No operator token.", { id: "operator-tokens" });
}

function auditSection(view, ctx, entries, verification) {
  const list = h("div", {});
  const drawEntries = (rows) => list.replaceChildren(table([
    { title: "When", cell: (e) => when(e.at) },
    { title: "Who", cell: (e) => e.actor },
    { title: "What", cell: (e) => [e.security ? badge("security", "bad") : "", " ", h("code", {}, e.action)] },
    { title: "Detail", cell: (e) => e.detail || "" },
  ], rows, "Nothing recorded.", { id: "audit" }));
  drawEntries(entries);
  const filter = h("form", { class: "inline-form", role: "search", "aria-label": "Filter the audit log" },
    h("label", { for: "audit-action" }, "Action starts with"), h("input", { id: "audit-action", placeholder: "e.g. approval." }),
    h("label", { for: "audit-security" }, "Security events only"), h("input", { id: "audit-security", type: "checkbox" }),
    h("button", { type: "submit", class: "secondary" }, "Show"));
  filter.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      drawEntries(await api("GET", `/api/v1/audit${query({ action: filter.querySelector("#audit-action").value.trim(),
        security: filter.querySelector("#audit-security").checked ? "true" : "", limit: 50 })}`));
    } catch (e) {
      ctx.error(e);
    }
  });
  const verdict = h("p", { id: "audit-verify" }, verification.intact
    ? [badge("intact", "ok"), ` — the hash chain of all ${verification.checked} entries verifies.`]
    : [badge("broken", "bad"), ` — the chain breaks at entry ${verification.brokenAt}: ${verification.reason}`]);
  return section("Audit log", verdict, filter, list);
}
