// The page's wiring: filters → map, timeline and incident list; selection → incident view;
// search → article hits; upload → refresh. While requests run, <body data-loading> is set.

import { renderArticle, renderIncident } from "./incident.js";
import { MapView } from "./map.js";
import { Timeline } from "./timeline.js";
import { setupUpload } from "./upload.js";
import { api, debounce, esc, fmtNumber, paintSwatches, typeColor } from "./util.js";

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const DAY = 86400000;
const state = { offset: 0, fresh: [], busy: 0 };

function filters({ dates = true } = {}) {
  const f = {
    q: $("f-q").value.trim(),
    country: $("f-country").value,
    event_type: $("f-type").value,
    actor: $("f-actor").value.trim(),
    source: $("f-source").value.trim(),
  };
  if (dates) { f.since = $("f-since").value; f.until = $("f-until").value; }
  return f;
}

async function busy(promise) {
  state.busy += 1;
  document.body.dataset.loading = "1";
  try { return await promise; }
  finally { state.busy -= 1; if (!state.busy) delete document.body.dataset.loading; }
}

function showError(err) {
  $("map-status").innerHTML = `<span class="error">${esc(err.message)}</span>`;
}

// --- map ------------------------------------------------------------------------------------------
const map = new MapView($("map"), $("legend"), $("map-status"), (id) => openIncident(id));

async function loadPoints(fit) {
  const { data, total } = await api("/api/points", { ...filters(), max: 5000 });
  map.setPoints(data, { fit, total, fresh: state.fresh });
}

// --- timeline -------------------------------------------------------------------------------------
const timeline = new Timeline($("timeline"), (range) => {
  $("f-since").value = range ? range.since : "";
  $("f-until").value = range ? range.until : "";
  showRange();
  refresh({ timeline: false });
});

function weekly(days) {
  const weeks = new Map();
  for (const b of days) {
    const t = Date.parse(b.start), wd = (new Date(t).getUTCDay() + 6) % 7;
    const start = new Date(t - wd * DAY).toISOString().slice(0, 10);
    if (!weeks.has(start)) weeks.set(start, { start, total: 0, counts: {} });
    const w = weeks.get(start);
    w.total += b.total;
    for (const [k, n] of Object.entries(b.counts)) w.counts[k] = (w.counts[k] || 0) + n;
  }
  return [...weeks.values()];
}

async function loadTimeline() {
  const { data } = await api("/api/timeline", { ...filters({ dates: false }), by: "day" });
  let by = $("t-by").value;
  if (by === "auto") {
    const span = data.length ? Date.parse(data[data.length - 1].start) - Date.parse(data[0].start) : 0;
    by = span > 90 * DAY ? "week" : "day";
  }
  timeline.render(by === "week" ? weekly(data) : data, by);
  timeline.setRange($("f-since").value ? { since: $("f-since").value, until: $("f-until").value || $("f-since").value } : null);
}

function showRange() {
  const s = $("f-since").value, u = $("f-until").value;
  $("brush-label").textContent = s || u ? `${s || "…"} – ${u || "…"}` : "";
  $("brush-clear").hidden = !(s || u);
}

/** A list item that opens something on click, or on Enter when focused with the keyboard. */
function clickable(li, open) {
  li.tabIndex = 0;
  li.addEventListener("click", open);
  li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
}

// --- incident list ---------------------------------------------------------------------------------
function listItem(i) {
  const loc = i.location || {};
  const warn = (i.contradictions || []).length ? "<span class=\"badge warn\">⚠ disputed</span>" : "";
  const li = document.createElement("li");
  li.dataset.id = i.incident_id;
  li.innerHTML = `<span class="swatch" data-swatch="${typeColor(i.event_type)}"></span> <span class="date">${esc(i.date || "?")}</span>`
    + `<span class="type">${esc(i.sub_event_type)}</span> · <span class="place">${esc(loc.name || "?")} (${esc(loc.country || "?")})</span>${warn}`
    + `<span class="meta">${esc(i.actor1 || "–")} → ${esc(i.actor2 || "–")} · dead: ${fmtNumber(i.fatalities)}`
    + ` · ${i.n_reports} report(s) · ${esc((i.sources || []).join("; ") || "no source named")}</span>`;
  paintSwatches(li);
  clickable(li, () => openIncident(i.incident_id));
  return li;
}

async function loadList(reset) {
  if (reset) state.offset = 0;
  const { data, total } = await api("/api/incidents", { ...filters(), limit: PAGE, offset: state.offset, order: "desc" });
  const ol = $("incident-list");
  if (reset) ol.replaceChildren();
  for (const i of data) ol.appendChild(listItem(i));
  state.offset += data.length;
  $("list-total").textContent = `${total} incident${total === 1 ? "" : "s"} match the filters`;
  $("list-more").hidden = state.offset >= total;
}

// --- panels ----------------------------------------------------------------------------------------
function showTab(name) {
  for (const b of document.querySelectorAll(".tab")) b.classList.toggle("active", b.dataset.tab === name);
  $("panel-list").hidden = name !== "list";
  $("panel-incident").hidden = true;
  $("panel-articles").hidden = name !== "articles";
  $("panel-upload").hidden = name !== "upload";
}

async function openIncident(id) {
  showTab("list");
  $("panel-list").hidden = true;
  $("panel-incident").hidden = false;
  map.select(id);
  await busy(renderIncident($("incident"), id));
}

async function search() {
  const q = $("f-q").value.trim();
  const out = $("search-results");
  out.replaceChildren();
  $("article").replaceChildren();
  if (!q) { $("search-status").textContent = "Type words into “Search articles” above."; return; }
  const { data } = await api("/api/search", { q, limit: 50 });
  $("search-status").textContent = `${data.length}${data.length === 50 ? "+" : ""} article(s) contain “${q}”`;
  for (const hit of data) {
    const li = document.createElement("li");
    const snippet = esc(hit.snippet || "").replace(/\[/g, "<b>").replace(/\]/g, "</b>");
    li.innerHTML = `<strong>${esc(hit.title || hit.id)}</strong> <small>${esc(hit.date || "")}</small><span class="snippet">${snippet}</span>`;
    clickable(li, () => busy(renderArticle($("article"), hit.id, openIncident)));
    out.appendChild(li);
  }
}

// --- filters and facets -----------------------------------------------------------------------------
async function loadFacets() {
  const { data } = await api("/api/facets");
  const sel = $("f-country"), keep = sel.value;
  sel.innerHTML = "<option value=\"\">all</option>" + data.countries.map((c) => `<option value="${esc(c.value)}">${esc(c.value)} (${c.n})</option>`).join("");
  sel.value = keep;
  $("actors").innerHTML = data.actors.map((a) => `<option value="${esc(a.value)}">`).join("");
  $("sources").innerHTML = data.sources.map((s) => `<option value="${esc(s.value)}">`).join("");
  const c = data.counts;
  if (c) $("counts").textContent = `${c.incidents} incidents · ${c.events} reports · ${c.articles} articles`;
}

async function refresh({ fit = false, timeline: withTimeline = true } = {}) {
  const jobs = [loadPoints(fit), loadList(true)];
  if (withTimeline) jobs.push(loadTimeline());
  await busy(Promise.all(jobs).catch(showError));
}

const refreshSoon = debounce(() => refresh({ fit: true }), 350);
for (const id of ["f-country", "f-type"]) $(id).addEventListener("change", () => refresh({ fit: true }));
for (const id of ["f-actor", "f-source"]) $(id).addEventListener("input", refreshSoon);
$("f-q").addEventListener("input", debounce(() => { refresh({ fit: true }); busy(search().catch(showError)); }, 350));
for (const id of ["f-since", "f-until"]) {
  $(id).addEventListener("change", () => { showRange(); timeline.setRange($("f-since").value ? { since: $("f-since").value, until: $("f-until").value || $("f-since").value } : null); refresh({ timeline: false }); });
}
$("brush-clear").addEventListener("click", () => { $("f-since").value = ""; $("f-until").value = ""; timeline.setRange(null); showRange(); refresh({ timeline: false }); });
$("filters").addEventListener("submit", (e) => e.preventDefault()); // filters apply as they change
$("f-reset").addEventListener("click", () => { $("filters").reset(); timeline.setRange(null); showRange(); refresh({ fit: true }); search(); });
$("t-by").addEventListener("change", () => busy(loadTimeline().catch(showError)));
$("list-more").addEventListener("click", () => busy(loadList(false).catch(showError)));
$("incident-back").addEventListener("click", () => showTab("list"));
for (const b of document.querySelectorAll(".tab")) b.addEventListener("click", () => showTab(b.dataset.tab));

$("upload-result").addEventListener("click", (ev) => {
  const id = ev.target.dataset && ev.target.dataset.incident;
  if (id) openIncident(id);
});
setupUpload($("upload"), $("upload-result"), async (incidentIds) => {
  state.fresh = incidentIds;
  await busy(Promise.all([loadFacets(), refresh({ fit: true })]).catch(showError));
});

// --- start ------------------------------------------------------------------------------------------
$("t-by").insertAdjacentHTML("afterbegin", "<option value=\"auto\" selected>auto</option>");
$("t-by").value = "auto";
busy(Promise.all([map.loadCountries("/api/countries.geojson"), loadFacets(), refresh({ fit: true })]).catch(showError));
