// The page's wiring: filters → map, timeline, incident list and export links; selection → incident
// view (and the map zooms to it); search → article hits; upload → refresh. While requests run,
// <body data-loading> is set. A filter the server refuses is named in one line under the filters.

import { renderArticle, renderIncident } from "./incident.js";
import { MapView } from "./map.js";
import { ReviewDesk } from "./review.js";
import { Timeline } from "./timeline.js";
import { setupUpload } from "./upload.js";
import {
  LANG, api, countryName, debounce, esc, fmtDate, fmtNumber, paintSwatches, qs, setCountryNames, t, tn, typeColor,
  typeLabel,
} from "./util.js";

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const state = { offset: 0, fresh: [], busy: 0 };

function filters({ dates = true } = {}) {
  const f = {
    q: $("f-q").value.trim(),
    country: $("f-country").value,
    event_type: $("f-type").value,
    place: $("f-place").value.trim(),
    actor: $("f-actor").value.trim(),
    source: $("f-source").value.trim(),
    review: $("f-review").value,
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
  const box = $("filter-error");
  box.textContent = err ? err.message : "";
  box.hidden = !err;
}

// --- map ------------------------------------------------------------------------------------------
const map = new MapView($("map"), $("legend"), $("map-status"), (id) => openIncident(id));

async function loadPoints(fit) {
  const { data, total } = await api("/api/points", { ...filters(), max: 5000 });
  map.setPoints(data, { fit, total, fresh: state.fresh });
}

// --- timeline -------------------------------------------------------------------------------------
const timeline = new Timeline($("timeline"), $("timeline-outside"), (range) => {
  $("f-since").value = range ? range.since : "";
  $("f-until").value = range ? range.until : "";
  showRange();
  refresh({ timeline: false });
});

async function loadTimeline() {
  const { data } = await api("/api/timeline", { ...filters({ dates: false }), by: "day" });
  timeline.render(data, $("t-by").value);
  timeline.setRange(currentRange());
}

function currentRange() {
  const s = $("f-since").value, u = $("f-until").value;
  return s || u ? { since: s || "0001-01-01", until: u || "9999-12-31" } : null;
}

function showRange() {
  const s = $("f-since").value, u = $("f-until").value;
  $("brush-label").textContent = s || u ? `${s ? fmtDate(s) : "…"} – ${u ? fmtDate(u) : "…"}` : "";
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
  const warn = (i.contradictions || []).length ? `<span class="badge warn">${esc(t("disputed_badge"))}</span>` : "";
  const li = document.createElement("li");
  li.dataset.id = i.incident_id;
  li.dataset.country = loc.country || "";
  li.dataset.date = i.date || "";
  li.innerHTML = `<span class="swatch" data-swatch="${typeColor(i.event_type)}"></span> <span class="date">${esc(fmtDate(i.date))}</span>`
    + `<span class="type" title="${esc(i.sub_event_type)}">${esc(typeLabel(i.sub_event_type))}</span> · `
    + `<span class="place">${esc(loc.name || "?")} (${esc(countryName(loc.country) || "?")})</span>${warn}`
    + `<span class="meta">${esc(i.actor1 || "–")} → ${esc(i.actor2 || "–")} · ${esc(t("dead"))}: ${fmtNumber(i.fatalities)}`
    + ` · ${esc(tn("reports", i.n_reports))} · ${esc((i.sources || []).join("; ") || t("no_source"))}</span>`;
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
  $("list-total").textContent = tn("match", total);
  $("list-more").hidden = state.offset >= total;
}

// --- export links ------------------------------------------------------------------------------------
function updateExports() {
  for (const a of document.querySelectorAll("#export a[data-format]")) {
    const params = { ...filters(), format: a.dataset.format, level: a.dataset.level };
    if (a.dataset.incidentId) params.incident_id = "true";
    if (a.dataset.reviewState) params.review_state = "true";
    a.href = "/api/export" + qs(params);
  }
}

// --- panels ----------------------------------------------------------------------------------------
function showTab(name) {
  for (const b of document.querySelectorAll(".tab")) b.classList.toggle("active", b.dataset.tab === name);
  $("panel-list").hidden = name !== "list";
  $("panel-incident").hidden = true;
  $("panel-articles").hidden = name !== "articles";
  $("panel-upload").hidden = name !== "upload";
  $("panel-review").hidden = name !== "review";
  if (name === "review") busy(desk.refreshPanel().catch(showError));
}

/** Open an incident (the map zooms to it); `focusEvent` puts the keyboard on one of its reports. */
async function openIncident(id, focusEvent = null) {
  showTab("list");
  $("panel-list").hidden = true;
  $("panel-incident").hidden = false;
  map.select(id);
  const inc = await busy(renderIncident($("incident"), id));
  if (!inc) return;
  desk.decorate($("incident"), inc.events || [], inc);
  if (focusEvent) desk.focus(focusEvent);
  else if ((inc.events || []).length) desk.focus(inc.events[0].event_id);
}

const desk = new ReviewDesk({
  filters,
  open: (id, focusEvent) => openIncident(id, focusEvent),
  changed: debounce(() => Promise.all([loadFacets(), refresh()]).catch(showError), 300),
  busy,
});

async function search() {
  const q = $("f-q").value.trim();
  const out = $("search-results");
  out.replaceChildren();
  $("article").replaceChildren();
  if (!q) { $("search-status").textContent = t("search_prompt"); return; }
  const { data } = await api("/api/search", { q, limit: 50 });
  $("search-status").textContent = tn("search_found", data.length, { q });
  for (const hit of data) {
    const li = document.createElement("li");
    const snippet = esc(hit.snippet || "").replace(/\[/g, "<b>").replace(/\]/g, "</b>");
    li.innerHTML = `<strong>${esc(hit.title || hit.id)}</strong> <small>${esc(fmtDate(hit.date))}</small><span class="snippet">${snippet}</span>`;
    clickable(li, async () => {
      const art = await busy(renderArticle($("article"), hit.id, openIncident));
      if (art) desk.decorate($("article"), art.events);
    });
    out.appendChild(li);
  }
}

// --- filters and facets -----------------------------------------------------------------------------
async function loadFacets() {
  const { data } = await api("/api/facets");
  setCountryNames(data.countries);
  const sel = $("f-country"), keep = sel.value;
  const named = data.countries.map((c) => ({ ...c, name: LANG === "de" ? c.name_de : c.name_en }))
    .sort((a, b) => a.name.localeCompare(b.name, LANG));
  sel.innerHTML = `<option value="">${esc(t("all"))}</option>`
    + named.map((c) => `<option value="${esc(c.value)}">${esc(c.name)} (${c.n})</option>`).join("");
  sel.value = keep;
  $("actors").innerHTML = data.actors.map((a) => `<option value="${esc(a.value)}">`).join("");
  $("sources").innerHTML = data.sources.map((s) => `<option value="${esc(s.value)}">`).join("");
  const c = data.counts;
  if (c) $("counts").textContent = `${tn("incidents_n", c.incidents)} · ${tn("events_n", c.events)} · ${tn("articles_n", c.articles)}`;
}

async function refresh({ fit = false, timeline: withTimeline = true } = {}) {
  updateExports();
  const jobs = [loadPoints(fit), loadList(true)];
  if (withTimeline) jobs.push(loadTimeline());
  await busy(Promise.all(jobs).then(() => showError(null), showError));
}

function datesChanged() {
  showRange();
  timeline.setRange(currentRange());
  refresh({ timeline: false });
}

const refreshSoon = debounce(() => refresh({ fit: true }), 350);
for (const id of ["f-country", "f-type", "f-review"]) $(id).addEventListener("change", () => refresh({ fit: true }));
for (const id of ["f-actor", "f-source", "f-place"]) $(id).addEventListener("input", refreshSoon);
$("f-q").addEventListener("input", debounce(() => { refresh({ fit: true }); busy(search().catch(showError)); }, 350));
for (const id of ["f-since", "f-until"]) $(id).addEventListener("change", datesChanged);
$("brush-clear").addEventListener("click", () => { $("f-since").value = ""; $("f-until").value = ""; datesChanged(); });
$("filters").addEventListener("submit", (e) => e.preventDefault()); // filters apply as they change
$("f-reset").addEventListener("click", () => {
  $("filters").reset();
  timeline.setRange(null);
  showRange();
  refresh({ fit: true });
  search();
});
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
updateExports();
busy(Promise.all([map.loadCountries("/api/countries.geojson"), loadFacets().then(() => refresh({ fit: true })), desk.init()]).catch(showError));
