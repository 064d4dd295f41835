// The map: country outlines and incidents in an SVG, equirectangular with 35°N as standard parallel
// (x = lon·cos 35°, y = −lat), which keeps Syria, Ukraine and the Sahel in fair proportions.
//
// It opens on the data (the extent of the incidents, without the few farthest ones when there are
// many), labels the places that have room for a label, and draws incidents that would overlap on
// screen as one numbered circle: a click on it zooms in until they separate; incidents at one and the
// same place are spread out around it instead. Selecting an incident zooms to it.

import { LANG, TYPE_COLORS, esc, fmtDate, paintSwatches, t, tn, typeColor, typeLabel } from "./util.js";

const NS = "http://www.w3.org/2000/svg";
const K = Math.cos((35 * Math.PI) / 180);
const WORLD = { x: -180 * K, y: -80, w: 360 * K, h: 150 };
const CLUSTER_PX = 18; // marks closer than this on screen are drawn as one
const LABEL_PX = 11;
const FOCUS_DEG = 4; // the width of the view around a selected incident, in degrees of longitude (~330 km)

function el(tag, attrs) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

/** Radius in screen pixels: the area grows with the death toll; unknown tolls get the smallest dot. */
export function radiusPx(fatalities) {
  if (!fatalities) return 3.5;
  return Math.min(24, 3.5 + 2.2 * Math.sqrt(fatalities));
}

/** The radius, in pixels, of the ring a place's incidents are spread out on. */
function ringPx(n) {
  return Math.max(20, (n * 11) / Math.PI);
}

function clusterPx(n) {
  return Math.min(22, 8 + 3 * Math.log2(n));
}

function ringPath(ring) {
  return ring.map(([lon, lat], i) => `${i ? "L" : "M"}${(lon * K).toFixed(2)} ${(-lat).toFixed(2)}`).join("") + "Z";
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

export class MapView {
  constructor(svg, legend, status, onSelect) {
    this.svg = svg;
    this.status = status;
    this.onSelect = onSelect;
    this.land = svg.appendChild(el("g", { class: "land" }));
    this.layer = svg.appendChild(el("g", { class: "points" }));
    this.labels = svg.appendChild(el("g", { class: "labels" }));
    this.view = { ...WORLD };
    this.vb = this.view;
    this.points = [];
    this.sites = [];
    this.selected = null;
    this.spread = null; // the site whose incidents are spread out around it
    this.fresh = new Set();
    this.frame = 0;
    this.drawLegend(legend);
    this.enablePanZoom();
    new ResizeObserver(() => this.apply(true)).observe(svg);
  }

  async loadCountries(url) {
    const res = await fetch(url);
    if (!res.ok) return;
    const geo = await res.json();
    const frag = document.createDocumentFragment();
    for (const f of geo.features) {
      const d = f.geometry.coordinates.map((poly) => poly.map(ringPath).join("")).join("");
      const p = el("path", { d, class: "country", "data-iso3": f.id });
      const title = el("title");
      title.textContent = (LANG === "de" && f.properties.name_de) || f.properties.name;
      p.appendChild(title);
      frag.appendChild(p);
    }
    this.land.appendChild(frag);
  }

  /** Replace the points; `fit` moves the view onto them. `fresh` ids are outlined (just uploaded). */
  setPoints(points, { fit = false, total = null, fresh = [] } = {}) {
    this.points = points;
    this.fresh = new Set(fresh);
    const sites = new Map();
    for (const p of points) {
      const key = `${p.lat.toFixed(3)},${p.lon.toFixed(3)}`;
      if (!sites.has(key)) sites.set(key, { key, x: p.lon * K, y: -p.lat, members: [], names: new Map() });
      const s = sites.get(key);
      s.members.push(p);
      s.names.set(p.location || "?", (s.names.get(p.location || "?") || 0) + 1);
    }
    this.sites = [...sites.values()];
    for (const s of this.sites) {
      s.name = [...s.names.entries()].sort((a, b) => b[1] - a[1])[0][0];
      s.members.sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    }
    if (this.spread && !sites.has(this.spread)) this.spread = null;
    const shown = points.length;
    this.status.textContent = total !== null && total > shown ? t("shown_of", { shown, total }) : tn("on_map", shown);
    if (fit) this.fit();
    else this.apply();
  }

  siteOf(id) {
    return this.sites.find((s) => s.members.some((p) => p.incident_id === id));
  }

  /** Select an incident: zoom to it (spreading its place when it shares it) and outline it. */
  select(id, { zoom = true } = {}) {
    this.selected = id;
    const site = this.siteOf(id);
    if (site && zoom) {
      const W = this.svg.clientWidth || 800;
      const w = Math.min(this.vb.w, FOCUS_DEG * K);
      const h = (w * (this.svg.clientHeight || 400)) / W;
      this.view = { x: site.x - w / 2, y: site.y - h / 2, w, h };
      if (site.members.length > 1) this.spread = site.key;
    }
    this.apply();
  }

  /** Zoom onto the points: all of them, or without the farthest 2.5% on each side when there are many. */
  fit() {
    if (!this.points.length) { this.view = { ...WORLD }; this.apply(); return; }
    const xs = this.points.map((p) => p.lon * K).sort((a, b) => a - b);
    const ys = this.points.map((p) => -p.lat).sort((a, b) => a - b);
    const q = this.points.length >= 20 ? 0.025 : 0;
    const x0 = quantile(xs, q), x1 = quantile(xs, 1 - q), y0 = quantile(ys, q), y1 = quantile(ys, 1 - q);
    const w = Math.max(x1 - x0, 4), h = Math.max(y1 - y0, 4);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    this.view = { x: cx - w * 0.6, y: cy - h * 0.6, w: w * 1.2, h: h * 1.2 };
    this.apply();
  }

  /** The viewBox for the wanted view, widened to the element's aspect ratio, and the marks for it.
   * While the reader zooms or pans (`live`), the marks are redrawn once per frame. */
  apply(live = false) {
    const W = this.svg.clientWidth || 800, H = this.svg.clientHeight || 400;
    let { x, y, w, h } = this.view;
    if (w / h < W / H) { const nw = (h * W) / H; x -= (nw - w) / 2; w = nw; }
    else { const nh = (w * H) / W; y -= (nh - h) / 2; h = nh; }
    this.vb = { x, y, w, h };
    this.svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    cancelAnimationFrame(this.frame);
    if (live) this.frame = requestAnimationFrame(() => this.draw());
    else this.draw();
  }

  /** Marks for the current zoom: single incidents, spread-out places, and numbered clusters. */
  draw() {
    const W = this.svg.clientWidth || 800;
    const unit = this.vb.w / W; // data units per screen pixel
    const clusters = this.cluster(unit);
    const frag = document.createDocumentFragment();
    const labelled = [];
    for (const c of clusters) {
      if (c.sites.length === 1 && c.sites[0].members.length === 1) {
        frag.appendChild(this.pointMark(c.sites[0].members[0], c.sites[0].x, c.sites[0].y, unit));
      } else if (c.sites.length === 1 && c.sites[0].key === this.spread) {
        this.spreadMarks(c.sites[0], unit, frag);
      } else {
        frag.appendChild(this.clusterMark(c, unit));
      }
      labelled.push(c);
    }
    this.layer.replaceChildren(frag);
    this.drawLabels(labelled, unit);
  }

  /** Greedy screen-space clustering of the places, the busiest first, through a grid of cells.
   * The place of the selected incident, and a spread-out place, stand apart: they are never merged. */
  cluster(unit) {
    const apart = (s) => s.key === this.spread || s.members.some((p) => p.incident_id === this.selected);
    const cell = CLUSTER_PX * unit;
    const grid = new Map();
    const out = [];
    const order = [...this.sites].sort((a, b) => b.members.length - a.members.length);
    for (const s of order) {
      const gx = Math.floor(s.x / cell), gy = Math.floor(s.y / cell);
      let home = null;
      for (let dx = -1; dx <= 1 && !home; dx++) {
        for (let dy = -1; dy <= 1 && !home; dy++) {
          for (const c of grid.get(`${gx + dx},${gy + dy}`) || []) {
            if (Math.hypot(c.x - s.x, c.y - s.y) < cell) { home = c; break; }
          }
        }
      }
      if (apart(s)) home = null;
      if (home) { home.sites.push(s); home.n += s.members.length; continue; }
      const c = { x: s.x, y: s.y, sites: [s], n: s.members.length };
      out.push(c);
      if (apart(s)) continue;
      const k = `${gx},${gy}`;
      if (!grid.has(k)) grid.set(k, []);
      grid.get(k).push(c);
    }
    return out;
  }

  pointMark(p, x, y, unit) {
    const c = el("circle", {
      cx: x.toFixed(4), cy: y.toFixed(4), r: (radiusPx(p.fatalities) * unit).toFixed(5), fill: typeColor(p.event_type),
      class: "point" + (this.fresh.has(p.incident_id) ? " new" : "") + (p.incident_id === this.selected ? " selected" : ""),
      "data-id": p.incident_id, "data-ids": p.incident_id, "data-date": p.date || "", "data-type": p.event_type,
    });
    const title = el("title");
    const dead = p.fatalities ? ` · ${t("n_dead", { n: p.fatalities })}` : "";
    title.textContent = `${fmtDate(p.date)} · ${typeLabel(p.sub_event_type)} · ${p.location || "?"}${dead} · ${tn("reports", p.n_reports)}`;
    c.appendChild(title);
    c.addEventListener("click", (ev) => { ev.stopPropagation(); this.onSelect(p.incident_id); });
    return c;
  }

  /** The incidents of one place on a ring around it, joined to it by thin lines. */
  spreadMarks(site, unit, frag) {
    const n = site.members.length;
    const ring = ringPx(n) * unit;
    frag.appendChild(el("circle", { cx: site.x, cy: site.y, r: (2.5 * unit).toFixed(5), class: "hub" }));
    site.members.forEach((p, i) => {
      const a = (2 * Math.PI * i) / n - Math.PI / 2;
      const x = site.x + ring * Math.cos(a), y = site.y + ring * Math.sin(a);
      frag.appendChild(el("line", { x1: site.x, y1: site.y, x2: x, y2: y, class: "spoke" }));
      frag.appendChild(this.pointMark(p, x, y, unit));
    });
  }

  clusterMark(c, unit) {
    const ids = c.sites.flatMap((s) => s.members.map((p) => p.incident_id));
    const types = new Map();
    for (const s of c.sites) for (const p of s.members) types.set(p.event_type, (types.get(p.event_type) || 0) + 1);
    const top = [...types.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const g = el("g", {
      class: "cluster" + (ids.includes(this.selected) ? " selected" : "") + (ids.some((id) => this.fresh.has(id)) ? " new" : ""),
      "data-ids": ids.join(" "), "data-n": c.n, "data-sites": c.sites.length,
    });
    const r = clusterPx(c.n) * unit / 1.6;
    g.appendChild(el("circle", { cx: c.x, cy: c.y, r: r.toFixed(5), fill: typeColor(top) }));
    const label = el("text", { x: c.x, y: c.y, "font-size": (10 * unit).toFixed(5), dy: "0.35em" });
    label.textContent = String(c.n);
    g.appendChild(label);
    const title = el("title");
    const one = c.sites.length === 1;
    title.textContent = (one ? t("spread", { n: c.n }) : t("cluster", { n: c.n })) + ` (${c.sites.map((s) => s.name).join(", ")})`;
    g.appendChild(title);
    g.addEventListener("click", (ev) => {
      ev.stopPropagation();
      if (one) { this.spread = c.sites[0].key; this.apply(); return; }
      this.zoomTo(c.sites);
    });
    return g;
  }

  /** Zoom until the given places separate on screen. */
  zoomTo(sites) {
    const xs = sites.map((s) => s.x), ys = sites.map((s) => s.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const w = Math.max((x1 - x0) * 3, this.vb.w / 8, 0.02), h = Math.max((y1 - y0) * 3, this.vb.h / 8, 0.02);
    this.view = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h };
    this.apply();
  }

  /** Place names beside their marks, the busiest first, where they overlap no other label. */
  drawLabels(clusters, unit) {
    const W = this.svg.clientWidth || 800, H = this.svg.clientHeight || 400;
    const boxes = [];
    const frag = document.createDocumentFragment();
    const order = [...clusters].sort((a, b) => b.n - a.n);
    for (const c of order.slice(0, 60)) {
      const site = [...c.sites].sort((a, b) => b.members.length - a.members.length)[0];
      const name = site.name + (c.sites.length > 1 ? " …" : "");
      const px = (c.x - this.vb.x) / unit, py = (c.y - this.vb.y) / unit;
      const w = name.length * LABEL_PX * 0.58, h = LABEL_PX + 2;
      let off = (c.sites.length === 1 && c.n === 1 ? radiusPx(site.members[0].fatalities) : clusterPx(c.n) / 1.6) + 3;
      if (site.key === this.spread && c.n > 1) off = ringPx(c.n) + 10;
      const box = { x0: px + off, y0: py - h / 2, x1: px + off + w, y1: py + h / 2 };
      if (box.x1 > W || box.y0 < 0 || box.y1 > H || px < 0) continue;
      if (boxes.some((b) => !(box.x1 < b.x0 || box.x0 > b.x1 || box.y1 < b.y0 || box.y0 > b.y1))) continue;
      boxes.push(box);
      const text = el("text", {
        x: (c.x + off * unit).toFixed(5), y: c.y.toFixed(5), dy: "0.35em", "font-size": (LABEL_PX * unit).toFixed(5),
        class: "place-label",
      });
      text.textContent = name;
      frag.appendChild(text);
    }
    this.labels.replaceChildren(frag);
  }

  enablePanZoom() {
    const svg = this.svg;
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const rect = svg.getBoundingClientRect();
      const f = Math.exp(ev.deltaY * 0.0015);
      const { x, y, w, h } = this.vb;
      const cx = x + ((ev.clientX - rect.left) / rect.width) * w, cy = y + ((ev.clientY - rect.top) / rect.height) * h;
      this.view = { x: cx - (cx - x) * f, y: cy - (cy - y) * f, w: w * f, h: h * f };
      this.apply(true);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.target.closest(".point, .cluster")) return;
      drag = { sx: ev.clientX, sy: ev.clientY, vb: { ...this.vb } };
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add("panning");
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const scale = drag.vb.w / svg.clientWidth;
      this.view = { ...drag.vb, x: drag.vb.x - (ev.clientX - drag.sx) * scale, y: drag.vb.y - (ev.clientY - drag.sy) * scale };
      this.apply(true);
    });
    const end = () => { drag = null; svg.classList.remove("panning"); };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("dblclick", () => { this.spread = null; this.fit(); });
  }

  drawLegend(box) {
    const types = Object.entries(TYPE_COLORS)
      .map(([type, c]) => `<div title="${esc(type)}"><span class="swatch" data-swatch="${c}"></span>${esc(typeLabel(type))}</div>`).join("");
    const sizes = [0, 10, 50].map((n) => {
      const r = radiusPx(n);
      return `<span><svg width="${2 * r + 2}" height="${2 * r + 2}"><circle cx="${r + 1}" cy="${r + 1}" r="${r}" fill="#999"/></svg> ${n ? esc(t("n_dead", { n })) : esc(t("none_unknown"))}</span>`;
    }).join("");
    box.innerHTML = `${types}<div class="sizes">${sizes}</div><div class="hint">${esc(t("map_hint"))}</div>`;
    paintSwatches(box);
  }
}
