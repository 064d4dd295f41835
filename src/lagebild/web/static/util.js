// Small helpers shared by the page's modules: the page's words, API calls, HTML escaping, type colours,
// dates as the page's language writes them.

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

// --- the page's words (web/i18n.py, embedded in the page as JSON) ------------------------------------
const STRINGS = JSON.parse(document.getElementById("i18n")?.textContent || "{}");
export const LANG = document.documentElement.lang || "en";

function fill(text, values) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

/** A phrase of the page's language, with {placeholders} filled in. */
export function t(key, values = {}) {
  const s = STRINGS[key];
  return s === undefined ? key : fill(s, values);
}

/** A counted phrase: "1 incident" / "2 incidents". */
export function tn(key, n, values = {}) {
  const forms = STRINGS[key] || [key, key];
  return fill(n === 1 ? forms[0] : forms[1], { ...values, n });
}

/** A table of phrases (claim kinds, precisions) as it stands in the page's words. */
export function phrases(key) {
  return STRINGS[key] || {};
}

const COUNTRY_NAMES = new Map();

/** Remember the countries' names in the page's language (from /api/facets). */
export function setCountryNames(rows) {
  for (const c of rows) COUNTRY_NAMES.set(c.value, LANG === "de" ? c.name_de : c.name_en);
}

/** A country's name in the page's language; its code while the name is not known. */
export function countryName(iso3) {
  return (iso3 && COUNTRY_NAMES.get(iso3)) || iso3 || "";
}

/** An ACLED type or sub-type name as the page shows it (German on a German page). */
export function typeLabel(value) {
  return (STRINGS.types || {})[value] || value || "";
}

/** A claim kind (fatalities, injured, ...) as the page shows it. */
export function kindLabel(kind) {
  return (STRINGS.kinds || {})[kind] || kind;
}

const MONTHS = new Intl.DateTimeFormat(LANG, { month: "short", year: "numeric", timeZone: "UTC" });

/** An ISO date prefix as the page's language writes it: 14.01.2024 / 2024-01-14, Jan. 2024, 2024. */
export function fmtDate(iso) {
  if (!iso) return "?";
  const [y, m, d] = iso.split("-");
  if (d) return LANG === "de" ? `${d}.${m}.${y}` : iso;
  if (m) return MONTHS.format(Date.UTC(Number(y), Number(m) - 1, 1));
  return y;
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
  return `HTTP ${status}`;
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
