// SPDX-License-Identifier: Apache-2.0
// The console's shell: the session (sign-in, the one-time password's replacement, sign-out), the pages by the URL's
// hash (#/, #/agents, #/agents/<id>, #/bundles, #/jobs, #/jobs/<id>, #/security), errors in words, and timers that
// stop when the page changes.
import { api, setCsrf } from "./api.js";
import * as fleet from "./fleet.js";
import * as agents from "./agents.js";
import * as agent from "./agent.js";
import * as bundles from "./bundles.js";
import * as jobs from "./jobs.js";
import * as security from "./security.js";

const $ = (id) => document.getElementById(id);
let session = null;
let timers = [];
let generation = 0;

const ROUTES = [
  [/^\/?$/, fleet, "fleet"],
  [/^\/agents$/, agents, "agents"],
  [/^\/agents\/([0-9a-f-]{36})$/, agent, "agents"],
  [/^\/bundles$/, bundles, "bundles"],
  [/^\/jobs$/, jobs, "jobs"],
  [/^\/jobs\/([0-9a-f-]{36})$/, jobs, "jobs"],
  [/^\/security$/, security, "security"],
];

function show(section) {
  for (const id of ["sign-in", "change-password", "view"]) $(id).hidden = id !== section;
  $("nav").hidden = section !== "view";
  const focus = { "sign-in": "name", "change-password": "current" }[section];
  if (focus) $(focus).focus();
}

/** Says what went wrong, in the API's words; a lapsed session leads back to the sign-in. */
export function error(e) {
  const message = e && e.message !== undefined ? e.message : e;
  $("error").textContent = message || "";
  $("error").hidden = !message;
  if (e && e.status === 401 && session) {
    signedOut();
    $("error").textContent = `${message} — please sign in again.`;
    $("error").hidden = false;
  }
}

/** A short confirmation of what was done (a polite live region). */
export function notice(message) {
  $("notice").textContent = message || "";
  $("notice").hidden = !message;
}

function signedIn(s) {
  session = s;
  setCsrf(s.csrfToken);
  $("who-name").textContent = `${s.name} (${s.role})`;
  $("who").hidden = false;
  document.body.classList.toggle("viewer", s.role === "viewer");
  document.body.classList.toggle("admin", s.role === "admin");
  if (s.mustChangePassword) {
    show("change-password");
  } else {
    route();
  }
}

function signedOut() {
  session = null;
  setCsrf(null);
  stopTimers();
  $("who").hidden = true;
  document.body.classList.remove("viewer", "admin");
  show("sign-in");
}

function stopTimers() {
  timers.forEach(clearInterval);
  timers = [];
  generation++;
}

async function route() {
  if (!session || session.mustChangePassword) return;
  stopTimers();
  error();
  notice();
  const path = decodeURIComponent(location.hash.replace(/^#/, "").split("?")[0]);
  const params = new URLSearchParams(location.hash.includes("?") ? location.hash.slice(location.hash.indexOf("?") + 1) : "");
  const match = ROUTES.map(([re, page, nav]) => ({ m: path.match(re), page, nav })).find((r) => r.m);
  const view = $("view");
  show("view");
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.nav === (match && match.nav)) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (!match) {
    view.replaceChildren();
    error(`There is no page at ${path}.`);
    return;
  }
  const mine = generation;
  const ctx = {
    session, params, id: match.m[1], error, notice,
    /** Runs fn every ms until the page changes; returns a stop function. */
    every(ms, fn) {
      const t = setInterval(() => { if (mine === generation) fn(); }, ms);
      timers.push(t);
      return () => clearInterval(t);
    },
    current: () => mine === generation,
    go(hash) { location.hash = hash; },
  };
  view.replaceChildren(document.createElement("p"));
  view.firstChild.className = "loading";
  view.firstChild.textContent = "Loading…";
  try {
    await match.page.render(view, ctx);
    const h2 = view.querySelector("h2");
    if (h2) document.title = `${h2.textContent} · RedFlag`;
  } catch (e) {
    if (mine === generation) {
      view.replaceChildren();
      error(e);
    }
  }
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

window.addEventListener("hashchange", route);
api("GET", "/api/v1/session").then(signedIn).catch(signedOut);
