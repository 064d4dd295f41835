// The review desk in the page: every report in the incident and article views gets its review bar
// (confirm, reject with a reason, correct any field, split off, restore), incidents can be merged,
// a sentence selected in an article's text becomes an event the extractor missed, and one key
// (n) opens the next unreviewed report the filters select. Every decision is one POST; the views
// are redrawn in place, never by reloading the page. Keys are listed in the review tab.

import { api, countryName, errorText, esc, fmtDate, fmtNumber, phrases, t, typeLabel } from "./util.js";

const $ = (id) => document.getElementById(id);
const NS = "http://www.w3.org/2000/svg";
const K = Math.cos((35 * Math.PI) / 180); // the main map's projection: x = lon·cos 35°, y = −lat
const REASONS = ["not_event", "background", "duplicate", "wrong_article"];
const FIELDS_TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);
let countries = null; // the country outlines, fetched once for the pick maps

/** POST JSON to the review API; rejects with an Error carrying the status and the server's message. */
async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  if (!res.ok) {
    const detail = data && data.detail;
    const err = new Error(detail && detail.msg ? detail.msg : errorText(data, res.status));
    err.status = res.status;
    err.current = detail && detail.current;
    throw err;
  }
  return data;
}

const enc = (id) => encodeURIComponent(id);
const statusLabel = (s) => (phrases("status")[s] || s);
const reasonLabel = (r) => (phrases("reasons")[r] || r);
const actorName = (a) => (a ? a.name : "");

function fieldsLine(ev) {
  const loc = ev.location || {};
  const place = loc.name ? `${loc.name} (${countryName(loc.country) || "?"})` : "?";
  return t("fields_line", {
    type: typeLabel(ev.sub_event_type),
    date: ev.date ? fmtDate(ev.date) : t("no_date"),
    place,
    actors: `${actorName(ev.actor1) || "–"} → ${actorName(ev.actor2) || "–"}`,
    dead: `${t("dead")}: ${fmtNumber(ev.fatalities)}`,
    sources: (ev.sources || []).map((s) => s.name).join("; ") || t("article_itself"),
  });
}

/** A small map to pick a place: the country outlines around a point; a click asks for the places near it. */
class PickMap {
  constructor(svg, onPick) {
    this.svg = svg;
    this.onPick = onPick;
    this.span = 6;
    this.center = { lat: 33, lon: 38 };
    this.land = svg.appendChild(document.createElementNS(NS, "g"));
    this.marks = svg.appendChild(document.createElementNS(NS, "g"));
    svg.addEventListener("click", (ev) => {
      const p = this.toMap(ev.clientX, ev.clientY);
      this.onPick(p.lat, p.lon);
    });
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      this.span = Math.max(0.5, Math.min(60, this.span * (ev.deltaY > 0 ? 1.4 : 1 / 1.4)));
      this.apply();
    }, { passive: false });
  }

  async load() {
    if (!countries) countries = fetch("/api/countries.geojson").then((r) => (r.ok ? r.json() : { features: [] }));
    const geo = await countries;
    const d = (ring) => ring.map(([lon, lat], i) => `${i ? "L" : "M"}${(lon * K).toFixed(2)} ${(-lat).toFixed(2)}`).join("") + "Z";
    this.land.innerHTML = geo.features.map((f) => `<path class="country" d="${f.geometry.coordinates.map((poly) => poly.map(d).join("")).join("")}"/>`).join("");
  }

  show(lat, lon, span) {
    if (lat !== null && lat !== undefined) this.center = { lat, lon };
    if (span) this.span = span;
    this.apply();
  }

  apply() {
    const w = this.span * K, h = this.span * 0.62;
    this.svg.setAttribute("viewBox", `${(this.center.lon * K - w / 2).toFixed(3)} ${(-this.center.lat - h / 2).toFixed(3)} ${w.toFixed(3)} ${h.toFixed(3)}`);
    const r = this.span / 90;
    for (const c of this.marks.querySelectorAll("circle")) c.setAttribute("r", r.toFixed(4));
  }

  mark(points) {
    const r = this.span / 90;
    this.marks.innerHTML = points.map((p) => `<circle class="${p.cls}" cx="${(p.lon * K).toFixed(4)}" cy="${(-p.lat).toFixed(4)}" r="${r.toFixed(4)}"><title>${esc(p.title || "")}</title></circle>`).join("");
  }

  toMap(x, y) {
    const pt = this.svg.createSVGPoint();
    pt.x = x; pt.y = y;
    const m = pt.matrixTransform(this.svg.getScreenCTM().inverse());
    return { lat: -m.y, lon: m.x / K };
  }
}

export class ReviewDesk {
  /** filters(): the page's filters; open(id, focusEvent): shows an incident; changed(): refreshes map and list. */
  constructor({ filters, open, changed, busy }) {
    this.filters = filters;
    this.open = open;
    this.changed = changed;
    this.busy = busy;
    this.events = new Map(); // event id → record, for the reports on screen
    this.focusId = null;
    this.reviewing = false; // opened through "next": a decision moves on to the next report
    this.skip = [];
    this.reviewer = null;
    this.dbUser = null;
  }

  async init() {
    const { data } = await api("/api/review/session");
    this.setReviewer(data);
    $("reviewer").addEventListener("submit", (ev) => { ev.preventDefault(); this.saveReviewer(); });
    $("review-next").addEventListener("click", () => this.next());
    document.addEventListener("keydown", (ev) => this.key(ev));
    document.addEventListener("mouseup", () => setTimeout(() => this.selectionButton(), 0));
  }

  setReviewer(s) {
    this.reviewer = s.reviewer;
    this.dbUser = s.db_user;
    $("r-name").value = s.reviewer || "";
    $("r-db").textContent = s.db_user ? t("db_user", { user: s.db_user }) : "";
  }

  async saveReviewer() {
    const name = $("r-name").value.trim();
    if (!name) return;
    try { this.setReviewer(await post("/api/review/session", { name })); this.note(""); }
    catch (err) { this.note(err.message, true); }
  }

  note(text, error = false) {
    const box = $("review-note");
    box.textContent = text;
    box.classList.toggle("error", error);
    const inline = document.querySelector(".incident .rv-flash");
    if (inline) { inline.textContent = text; inline.classList.toggle("error", error); }
  }

  needsName() {
    if (this.reviewer || this.dbUser) return false;
    this.note(t("reviewer_needed"), true);
    $("r-name").focus();
    return true;
  }

  // --- the review tab ------------------------------------------------------------------------------
  async refreshPanel() {
    const [{ data: counts }, { data: orphans }, { data: log }] = await Promise.all([
      api("/api/review/counts", this.filters()), api("/api/review/orphans"), api("/api/review/log", { limit: 12 }),
    ]);
    $("review-counts").textContent = t("counts_line", counts);
    $("review-orphans").innerHTML = orphans.length
      ? `<h3>${esc(t("orphans"))}</h3><p class="hint">${esc(t("orphans_hint"))}</p><ul>${orphans.map((o) => `<li>${esc(o.event_id)} · ${esc(((o.anchor || {}).evidence || []).map((e) => e.text).join(" "))} <button type="button" class="link" data-dismiss="${esc(o.subject)}">${esc(t("dismiss"))}</button></li>`).join("")}</ul>`
      : "";
    for (const b of $("review-orphans").querySelectorAll("[data-dismiss]")) {
      b.addEventListener("click", async () => { await post(`/api/review/orphans/${enc(b.dataset.dismiss)}/dismiss`); this.refreshPanel(); });
    }
    $("review-log").innerHTML = log.map((r) => `<li><small>${esc(fmtDate(r.reviewed_at.slice(0, 10)))} ${esc(r.reviewed_at.slice(11, 16))}</small> ${esc(r.reviewer)}: ${esc(r.action)} <code>${esc(r.event_id || "")}</code>${r.reason ? " · " + esc(reasonLabel(r.reason)) : ""}</li>`).join("");
  }

  /** The counts per review status under the filters, in the review tab (not awaited: off the hot path). */
  counts() {
    api("/api/review/counts", this.filters()).then(({ data }) => { $("review-counts").textContent = t("counts_line", data); }, () => {});
  }

  async next() {
    const cur = this.focusId && this.events.get(this.focusId);
    if (cur && cur.review_status === "unreviewed" && !this.skip.includes(cur.event_id)) this.skip.push(cur.event_id);
    const params = { ...this.filters(), skip: this.skip };
    const usp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) v.forEach((x) => usp.append(k, x));
      else if (v !== undefined && v !== null && v !== "") usp.set(k, v);
    }
    const res = await fetch("/api/review/next?" + usp.toString());
    const data = await res.json();
    if (!res.ok) { this.note(errorText(data, res.status), true); return; }
    this.counts();
    if (!data.event) { this.note(t("nothing_left")); this.reviewing = false; return; }
    this.note("");
    this.reviewing = true;
    await this.open(data.event.incident_id, data.event.event_id);
  }

  // --- the bars ------------------------------------------------------------------------------------
  /** Give every report in `box` (li[data-event]) its review bar; `events` are their records. */
  decorate(box, events, incident = null) {
    for (const e of events) this.events.set(e.event_id, e);
    this.incident = incident;
    if (incident && !box.querySelector(".rv-merge")) this.mergeBox(box, incident);
    for (const li of box.querySelectorAll("li[data-event]")) {
      const ev = this.events.get(li.dataset.event);
      if (!ev) continue;
      li.tabIndex = 0;
      li.addEventListener("focus", () => this.setFocus(ev.event_id));
      this.bar(li, ev);
    }
    for (const text of box.querySelectorAll(".article-text")) text.dataset.selectable = "1";
  }

  setFocus(id) {
    this.focusId = id;
    for (const li of document.querySelectorAll("li[data-event]")) li.classList.toggle("focused", li.dataset.event === id);
  }

  focus(id) {
    const li = document.querySelector(`li[data-event="${CSS.escape(id)}"]`);
    if (!li) return false;
    li.focus({ preventScroll: true });
    li.scrollIntoView({ block: "nearest" });
    this.setFocus(id);
    return true;
  }

  bar(li, ev) {
    li.className = `ev st-${ev.review_status || "unreviewed"}`;
    const line = li.querySelector(".rv-fields") || li.insertBefore(document.createElement("div"), li.firstChild);
    line.className = "rv-fields";
    line.textContent = fieldsLine(ev);
    let bar = li.querySelector(".rv");
    if (!bar) { bar = document.createElement("div"); bar.className = "rv"; li.appendChild(bar); }
    const st = ev.review_status || "unreviewed";
    const who = ev.reviewed_by ? ` <small>${esc(t("by_at", { by: ev.reviewed_by, at: fmtDate((ev.reviewed_at || "").slice(0, 10)) }))}</small>` : "";
    const splittable = this.incident && (this.incident.events || []).length > 1;
    bar.innerHTML = `<span class="badge rv-status st-${st}">${esc(statusLabel(st))}</span>${who} `
      + (st === "rejected"
        ? `<button type="button" data-act="restore">${esc(t("restore"))}</button>`
        : `<button type="button" data-act="confirm" title="c">✓ ${esc(t("confirm"))}</button>`
          + `<button type="button" data-act="reject" title="x">✗ ${esc(t("reject"))}</button>`
          + `<button type="button" data-act="edit" title="e">✎ ${esc(t("correct"))}</button>`
          + (splittable ? `<button type="button" data-act="split" title="s">${esc(t("split"))}</button>` : ""))
      + `<span class="rv-reasons" hidden>${esc(t("reject_why"))} ${REASONS.map((r, i) => `<button type="button" data-reason="${r}">${i + 1} ${esc(reasonLabel(r))}</button>`).join("")}</span>`;
    for (const b of bar.querySelectorAll("[data-act]")) b.addEventListener("click", (e) => { e.stopPropagation(); this.act(ev.event_id, b.dataset.act); });
    for (const b of bar.querySelectorAll("[data-reason]")) b.addEventListener("click", (e) => { e.stopPropagation(); this.decide(ev.event_id, "reject", { reason: b.dataset.reason }); });
  }

  act(id, what) {
    if (what === "reject") {
      const box = document.querySelector(`li[data-event="${CSS.escape(id)}"] .rv-reasons`);
      if (box) box.hidden = false;
      this.rejecting = id;
      return;
    }
    if (what === "edit") return this.form(id);
    if (what === "split") return this.split(id);
    return this.decide(id, what);
  }

  async decide(id, action, extra = {}) {
    if (this.needsName()) return;
    const ev = this.events.get(id);
    this.rejecting = null;
    try {
      const out = await this.busy(post(`/api/review/events/${enc(id)}`, { action, expect: ev ? ev.reviewed_at ?? null : null, ...extra }));
      this.events.set(id, out);
      this.note(t("saved"));
      this.changed();
      await this.after(out, action !== "confirm");
    } catch (err) {
      if (err.status === 409) { this.note(t("conflict", { msg: err.message }), true); await this.reopen(id); return; }
      this.note(err.message, true);
    }
  }

  /** After a decision: on to the next unreviewed report when reviewing, else redraw what changed. */
  async after(record, redraw) {
    if (this.reviewing) { await this.next(); return; }
    if (!redraw) {
      const li = document.querySelector(`li[data-event="${CSS.escape(record.event_id)}"]`);
      if (li) this.bar(li, record);
      return;
    }
    await this.reopen(record.event_id, record.incident_id);
  }

  async reopen(id, incidentId) {
    const inc = incidentId || (this.incident && this.incident.incident_id) || (this.events.get(id) || {}).incident_id;
    if (inc) await this.open(inc, id);
  }

  async split(id) {
    if (this.needsName() || !this.incident) return;
    try {
      const parts = await this.busy(post(`/api/review/split/${enc(this.incident.incident_id)}`, { event_ids: [id] }));
      this.changed();
      await this.open(parts.rest, null);
      this.note(t("split_done", { id: parts.split }));
    } catch (err) { this.note(err.message, true); }
  }

  mergeBox(box, inc) {
    const h2 = box.querySelector(".incident h2");
    if (!h2) return;
    const wrap = document.createElement("details");
    wrap.className = "rv-merge";
    wrap.innerHTML = `<summary>${esc(t("merge"))}</summary><p class="hint">${esc(t("merge_hint"))}</p><ol class="rv-candidates"></ol>`
      + `<form><input name="id" placeholder="${esc(t("merge_id_ph"))}"> <button type="submit">${esc(t("merge_do"))}</button></form>`;
    h2.after(wrap);
    const flash = document.createElement("p");
    flash.className = "rv-flash status";
    wrap.after(flash);
    wrap.addEventListener("toggle", async () => {
      if (!wrap.open) return;
      const day = inc.date && inc.date.length === 10 ? new Date(inc.date + "T00:00:00Z") : null;
      const shift = (d, n) => new Date(d.getTime() + n * 86400000).toISOString().slice(0, 10);
      const params = { country: (inc.location || {}).country || "", limit: 20 };
      if (day) { params.since = shift(day, -7); params.until = shift(day, 7); }
      const { data } = await api("/api/incidents", params);
      wrap.querySelector(".rv-candidates").innerHTML = data.filter((i) => i.incident_id !== inc.incident_id).map((i) => `<li>${esc(fmtDate(i.date))} · ${esc(typeLabel(i.sub_event_type))} · ${esc((i.location || {}).name || "?")} <button type="button" data-merge="${esc(i.incident_id)}">${esc(t("merge_do"))}</button></li>`).join("");
      for (const b of wrap.querySelectorAll("[data-merge]")) b.addEventListener("click", () => this.merge(inc.incident_id, b.dataset.merge));
    });
    wrap.querySelector("form").addEventListener("submit", (ev) => { ev.preventDefault(); const other = ev.target.id.value.trim(); if (other) this.merge(inc.incident_id, other); });
  }

  async merge(a, b) {
    if (this.needsName()) return;
    try {
      const out = await this.busy(post("/api/review/merge", { incident_ids: [a, b] }));
      this.changed();
      await this.open(out.incident_id, null);
      this.note(t("merged", { id: out.incident_id }));
    } catch (err) { this.note(err.message, true); }
  }

  // --- the correction form -----------------------------------------------------------------------------
  typeSelect(value) {
    const groups = [...document.querySelectorAll("#f-type optgroup")].map((g) => {
      const opts = [...g.querySelectorAll("option")].slice(1)
        .map((o) => `<option value="${esc(o.value)}"${o.value === value ? " selected" : ""}>${esc(o.textContent)}</option>`).join("");
      return `<optgroup label="${esc(g.label)}">${opts}</optgroup>`;
    });
    return `<select name="sub_event_type" required><option value=""></option>${groups.join("")}</select>`;
  }

  /** The correction form under a report (or, with `add`, for an event read from a selection). */
  async form(id, add = null) {
    if (this.needsName()) return;
    document.querySelector(".rv-form")?.remove();
    const ev = add ? { sub_event_type: "", date: add.date, location: null, sources: [] } : this.events.get(id);
    const host = add ? add.host : document.querySelector(`li[data-event="${CSS.escape(id)}"]`);
    if (!ev || !host) return;
    const loc = ev.location || {};
    const form = document.createElement("form");
    form.className = "rv-form";
    form.innerHTML = `
      ${add ? `<p class="rv-quote">“${esc(add.quote)}”</p>` : ""}
      <label>${esc(t("sub_type"))} ${this.typeSelect(ev.sub_event_type)}</label>
      <label>${esc(t("date"))} <input name="date" value="${esc(ev.date || "")}" placeholder="${esc(t("date_ph"))}"></label>
      <div class="rv-place"><div>
        <label>${esc(t("place"))} <input name="place_q" value="${esc(loc.name || "")}" placeholder="${esc(t("pick_place_ph"))}"></label>
        <button type="button" class="rv-find">${esc(t("place_search"))}</button>
        <span class="rv-place-now">${esc(loc.name ? `${loc.name} (${countryName(loc.country) || "?"})` : "–")}</span>
        <ol class="rv-places"></ol></div>
        <div><svg class="pickmap" role="img" aria-label="${esc(t("place_pick"))}"></svg><p class="hint">${esc(t("place_pick"))}</p></div></div>
      <label>${esc(t("actor1"))} <input name="actor1" list="rv-actors" value="${esc(actorName(ev.actor1))}"></label>
      <label>${esc(t("actor2"))} <input name="actor2" list="rv-actors" value="${esc(actorName(ev.actor2))}"></label>
      <label>${esc(t("fatalities"))} <input name="fatalities" type="number" min="0" value="${ev.fatalities ?? ""}"></label>
      <label>${esc(t("sources"))} <input name="sources" value="${esc((ev.sources || []).map((s) => s.name).join("; "))}" placeholder="${esc(t("sources_ph"))}"></label>
      <label>${esc(t("notes"))} <input name="notes" value="${esc(ev.notes || "")}"></label>
      <datalist id="rv-actors"></datalist>
      <div class="rv-buttons"><button type="submit" class="primary">${esc(t("save"))}</button> <button type="button" class="rv-cancel">${esc(t("cancel"))}</button></div>
      <p class="error rv-error" hidden></p>`;
    host.appendChild(form);
    const state = { picked: null };
    const map = new PickMap(form.querySelector(".pickmap"), (lat, lon) => this.near(form, map, state, lat, lon));
    await map.load();
    map.show(loc.lat ?? null, loc.lon ?? null, loc.lat !== null && loc.lat !== undefined ? 6 : 40);
    if (loc.lat !== null && loc.lat !== undefined) map.mark([{ lat: loc.lat, lon: loc.lon, cls: "now", title: loc.name }]);
    form.querySelector(".rv-find").addEventListener("click", () => this.findPlace(form, map, state));
    form.place_q.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); this.findPlace(form, map, state); } });
    for (const name of ["actor1", "actor2"]) form[name].addEventListener("input", () => this.suggestActors(form, form[name].value));
    form.querySelector(".rv-cancel").addEventListener("click", () => form.remove());
    form.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.stopPropagation(); form.remove(); this.focus(id || ""); } });
    form.addEventListener("submit", (e) => { e.preventDefault(); this.submit(form, ev, state, add); });
    form.sub_event_type.focus();
  }

  async suggestActors(form, q) {
    if (q.trim().length < 2) return;
    const { data } = await api("/api/review/actors", { q });
    form.querySelector("#rv-actors").innerHTML = data.map((a) => `<option value="${esc(a.name)}">`).join("");
  }

  places(form, map, state, found, showKm) {
    const ol = form.querySelector(".rv-places");
    if (!found.length) { ol.innerHTML = `<li>${esc(t("no_place_found"))}</li>`; return; }
    ol.innerHTML = found.map((p, i) => {
      const l = p.location;
      const where = [l.admin1, countryName(l.country)].filter(Boolean).join(", ");
      return `<li><label><input type="radio" name="rv-place" value="${i}"${i === 0 ? " checked" : ""}><span>${esc(l.name)} <small>${esc(where)}${showKm ? " · " + esc(t("km", { km: p.km })) : ""}</small></span></label></li>`;
    }).join("");
    const choose = (i) => {
      state.picked = found[i].location;
      form.querySelector(".rv-place-now").textContent = `${state.picked.name} (${countryName(state.picked.country) || "?"})`;
      map.mark(found.map((p, j) => ({ lat: p.location.lat, lon: p.location.lon, cls: j === i ? "picked" : "cand", title: p.location.name })));
    };
    for (const r of ol.querySelectorAll("input[type=radio]")) r.addEventListener("change", () => choose(Number(r.value)));
    choose(0);
  }

  async findPlace(form, map, state) {
    const q = form.place_q.value.trim();
    if (!q) return;
    const { data } = await api("/api/review/places", { q });
    this.places(form, map, state, data, false);
    if (data.length) map.show(data[0].location.lat, data[0].location.lon, 6);
  }

  async near(form, map, state, lat, lon) {
    const { data } = await api("/api/review/near", { lat: lat.toFixed(5), lon: lon.toFixed(5) });
    this.places(form, map, state, data, true);
  }

  changes(form, ev, state) {
    const out = {};
    const val = (n) => form[n].value.trim();
    if (val("sub_event_type") && val("sub_event_type") !== ev.sub_event_type) out.sub_event_type = val("sub_event_type");
    if (val("date") !== (ev.date || "")) out.date = val("date");
    if (state.picked) out.location = state.picked;
    for (const n of ["actor1", "actor2"]) if (val(n) !== actorName(ev[n])) out[n] = val(n) || null;
    const dead = val("fatalities") === "" ? null : Number(val("fatalities"));
    if (dead !== (ev.fatalities ?? null)) out.fatalities = dead;
    if (val("sources") !== (ev.sources || []).map((s) => s.name).join("; ")) out.sources = val("sources");
    if (val("notes") !== (ev.notes || "")) out.notes = val("notes");
    return out;
  }

  async submit(form, ev, state, add) {
    const error = form.querySelector(".rv-error");
    const changes = this.changes(form, add ? {} : ev, state); // an addition sends every field given
    try {
      if (add) {
        const out = await this.busy(post(`/api/review/articles/${enc(add.article)}`, { start: add.start, end: add.end, fields: changes }));
        form.remove();
        this.note(t("added"));
        this.changed();
        this.reviewing = false;
        if (out.incident_id) await this.open(out.incident_id, out.event_id);
        return;
      }
      if (!Object.keys(changes).length) { form.remove(); return; }
      await this.decide(ev.event_id, "correct", { changes });
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  }

  // --- adding from a selection -------------------------------------------------------------------------
  /** The selected text's offsets in its article, when the selection lies inside one article's text. */
  selected() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    const box = range.commonAncestorContainer.nodeType === 1 ? range.commonAncestorContainer.closest(".article-text") : range.commonAncestorContainer.parentElement.closest(".article-text");
    if (!box || !box.dataset.article) return null;
    const before = document.createRange();
    before.selectNodeContents(box);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const quote = range.toString();
    if (!quote.trim()) return null;
    return { box, article: box.dataset.article, date: box.dataset.date || "", start, end: start + quote.length, quote };
  }

  selectionButton() {
    document.querySelector(".rv-add")?.remove();
    const s = this.selected();
    if (!s) return;
    const b = document.createElement("button");
    b.type = "button";
    b.className = "rv-add primary";
    b.textContent = `+ ${t("add_event")} (a)`;
    b.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
    b.addEventListener("click", () => this.addFromSelection());
    s.box.before(b);
  }

  addFromSelection() {
    const s = this.selected();
    if (!s) { this.note(t("add_hint")); return; }
    document.querySelector(".rv-add")?.remove();
    const host = document.createElement("div");
    host.className = "rv-adding";
    s.box.before(host);
    this.form(null, { ...s, host });
  }

  // --- keys ----------------------------------------------------------------------------------------------
  key(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || FIELDS_TYPING.has(ev.target.tagName)) return;
    const reports = [...document.querySelectorAll("#panel-incident:not([hidden]) li[data-event], #article li[data-event]")];
    const id = this.focusId;
    if (this.rejecting && /^[1-4]$/.test(ev.key)) { ev.preventDefault(); this.decide(this.rejecting, "reject", { reason: REASONS[Number(ev.key) - 1] }); return; }
    switch (ev.key) {
      case "n": ev.preventDefault(); this.next(); break;
      case "j": case "k": {
        if (!reports.length) return;
        ev.preventDefault();
        const at = reports.findIndex((li) => li.dataset.event === id);
        const to = ev.key === "j" ? Math.min(reports.length - 1, at + 1) : Math.max(0, at - 1);
        this.focus(reports[at < 0 ? 0 : to].dataset.event);
        break;
      }
      case "c": if (id) { ev.preventDefault(); this.decide(id, "confirm"); } break;
      case "x": if (id) { ev.preventDefault(); this.act(id, "reject"); } break;
      case "e": if (id) { ev.preventDefault(); this.form(id); } break;
      case "s": if (id) { ev.preventDefault(); this.split(id); } break;
      case "a": ev.preventDefault(); this.addFromSelection(); break;
      case "Escape": document.querySelector(".rv-form")?.remove(); this.rejecting = null; break;
      default:
    }
  }
}

