// SPDX-License-Identifier: Apache-2.0
// Calls to /api/v1 — the same API scripts use. The session is an HttpOnly cookie the page cannot read; the CSRF token
// from the sign-in answer goes with every change. Every refusal becomes an Error carrying the server's own words.

let csrf = null;

export function setCsrf(token) {
  csrf = token;
}

/** The words of a refusal: the API's `detail` (or `error`), else what happened. */
function refusal(status, text) {
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: said below */ }
  const why = json && (json.detail || json.error) ? json.detail || json.error
    : status === 0 ? "the server cannot be reached" : `the server answered ${status}`;
  const e = new Error(why);
  e.status = status;
  return e;
}

/** A JSON call; resolves to the parsed body (null when none) and, with `withHeaders`, the response's headers too. */
export async function api(method, path, body, withHeaders = false) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrf && method !== "GET") headers["X-CSRF-Token"] = csrf;
  let r;
  try {
    r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin" });
  } catch {
    throw refusal(0, "");
  }
  const text = await r.text();
  if (!r.ok) throw refusal(r.status, text);
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { throw new Error("the server's answer was not JSON"); }
  return withHeaders ? { body: json, headers: r.headers } : json;
}

/** A query string from the fields that have a value. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Uploads a file's bytes as they are, telling `progress(sent, total)` as it goes (fetch cannot report uploads). */
export function upload(path, file, contentType, progress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open("POST", path);
    x.setRequestHeader("Content-Type", contentType);
    x.setRequestHeader("Accept", "application/json");
    if (csrf) x.setRequestHeader("X-CSRF-Token", csrf);
    x.upload.onprogress = (e) => progress(e.loaded, e.lengthComputable ? e.total : file.size);
    x.onerror = () => reject(refusal(0, ""));
    x.onload = () => {
      if (x.status >= 200 && x.status < 300) {
        try { resolve(x.responseText ? JSON.parse(x.responseText) : null); } catch { reject(new Error("the server's answer was not JSON")); }
      } else {
        reject(refusal(x.status, x.responseText));
      }
    };
    x.send(file);
  });
}
