// Small helpers shared by the page's modules: API calls, HTML escaping, the type colours.

export const TYPE_COLORS = {
  "Battles": "#d7301f",
  "Explosions/Remote violence": "#f08c00",
  "Violence against civilians": "#7b3294",
  "Protests": "#2b83ba",
  "Riots": "#1a9641",
  "Strategic developments": "#6c757d",
};

export function typeColor(type) {
  return TYPE_COLORS[type] || "#444";
}

/** Query string from an object, leaving out empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") p.set(k, v);
  }
  const s = p.toString();
  return s ? "?" + s : "";
}

/** Readable message of an API error: FastAPI's 422 detail lists name the field. */
export function errorText(body, status) {
  const d = body && body.detail;
  if (Array.isArray(d)) {
    return d.map((e) => `${(e.loc || []).filter((x) => x !== "query" && x !== "body").join(".")}: ${e.msg}`).join("; ");
  }
  if (typeof d === "string") return d;
  return `request failed (HTTP ${status})`;
}

/** GET (or send) JSON; rejects with an Error carrying the server's message. Returns {data, total}. */
export async function api(path, params, init) {
  const res = await fetch(path + qs(params), init);
  let body = null;
  try { body = await res.json(); } catch (_) { body = null; }
  if (!res.ok) throw new Error(errorText(body, res.status));
  const total = res.headers.get("X-Total-Count");
  return { data: body, total: total === null ? null : Number(total) };
}

// Colours come from data-swatch and are set through the DOM: the Content-Security-Policy allows no
// style attributes in markup.
export function paintSwatches(root) {
  for (const el of root.querySelectorAll("[data-swatch]")) el.style.background = el.dataset.swatch;
}

export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function debounce(fn, ms) {
  let t = null;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

export function fmtNumber(n) {
  return n === null || n === undefined ? "–" : String(n);
}
