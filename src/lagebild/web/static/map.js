// The map: country outlines and incident points in an SVG, equirectangular with 35°N as standard
// parallel (x = lon·cos 35°, y = −lat), which keeps Syria, Ukraine and the Sahel in fair proportions.
// The view fits the data's extent; the wheel zooms and dragging pans.

import { TYPE_COLORS, esc, paintSwatches, typeColor } from "./util.js";

const NS = "http://www.w3.org/2000/svg";
const K = Math.cos((35 * Math.PI) / 180);

function add(parent, tag, attrs) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  parent.appendChild(e);
  return e;
}

/** Radius in screen pixels: the area grows with the death toll; unknown tolls get the smallest dot. */
export function radiusPx(fatalities) {
  if (!fatalities) return 3.5;
  return Math.min(24, 3.5 + 2.2 * Math.sqrt(fatalities));
}

function ringPath(ring) {
  return ring.map(([lon, lat], i) => `${i ? "L" : "M"}${(lon * K).toFixed(2)} ${(-lat).toFixed(2)}`).join("") + "Z";
}

export class MapView {
  constructor(svg, legend, status, onSelect) {
    this.svg = svg;
    this.status = status;
    this.onSelect = onSelect;
    this.land = add(svg, "g", { class: "land" });
    this.layer = add(svg, "g", { class: "points" });
    this.view = { x: -180 * K, y: -80, w: 360 * K, h: 150 };
    this.vb = this.view;
    this.points = [];
    this.selected = null;
    this.drawLegend(legend);
    this.enablePanZoom();
    new ResizeObserver(() => this.apply()).observe(svg);
  }

  async loadCountries(url) {
    const res = await fetch(url);
    if (!res.ok) return;
    const geo = await res.json();
    const frag = document.createDocumentFragment();
    for (const f of geo.features) {
      const d = f.geometry.coordinates.map((poly) => poly.map(ringPath).join("")).join("");
      const p = document.createElementNS(NS, "path");
      p.setAttribute("d", d);
      p.setAttribute("class", "country");
      p.setAttribute("data-iso3", f.id);
      const t = document.createElementNS(NS, "title");
      t.textContent = f.properties.name;
      p.appendChild(t);
      frag.appendChild(p);
    }
    this.land.appendChild(frag);
  }

  /** Replace the points; `fit` zooms to their extent. `fresh` ids are outlined (just uploaded). */
  setPoints(points, { fit = false, total = null, fresh = [] } = {}) {
    this.points = points;
    this.layer.replaceChildren();
    const newIds = new Set(fresh);
    const sorted = [...points].sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    const frag = document.createDocumentFragment();
    for (const p of sorted) {
      const c = document.createElementNS(NS, "circle");
      c.setAttribute("cx", (p.lon * K).toFixed(3));
      c.setAttribute("cy", (-p.lat).toFixed(3));
      c.setAttribute("fill", typeColor(p.event_type));
      c.setAttribute("class", "point" + (newIds.has(p.incident_id) ? " new" : "") + (p.incident_id === this.selected ? " selected" : ""));
      c.dataset.id = p.incident_id;
      c.dataset.date = p.date || "";
      c.dataset.type = p.event_type;
      c.dataset.r = radiusPx(p.fatalities);
      const t = document.createElementNS(NS, "title");
      const dead = p.fatalities ? ` · ${p.fatalities} dead` : "";
      t.textContent = `${p.date || "?"} · ${p.sub_event_type} · ${p.location || "?"}${dead} · ${p.n_reports} report(s)`;
      c.appendChild(t);
      c.addEventListener("click", (ev) => { ev.stopPropagation(); this.onSelect(p.incident_id); });
      frag.appendChild(c);
    }
    this.layer.appendChild(frag);
    const shown = points.length;
    this.status.textContent = total !== null && total > shown
      ? `${shown} of ${total} incidents shown (the latest; narrow the filters to see all)`
      : `${shown} incident${shown === 1 ? "" : "s"} on the map`;
    if (fit) this.fit();
    else this.apply();
  }

  select(id) {
    this.selected = id;
    for (const c of this.layer.querySelectorAll(".point.selected")) c.classList.remove("selected");
    const c = this.layer.querySelector(`.point[data-id="${CSS.escape(id)}"]`);
    if (c) { c.classList.add("selected"); this.layer.appendChild(c); }
  }

  /** Zoom to the points' extent, with a margin and at least a few degrees across. */
  fit() {
    if (!this.points.length) { this.view = { x: -180 * K, y: -80, w: 360 * K, h: 150 }; this.apply(); return; }
    const xs = this.points.map((p) => p.lon * K), ys = this.points.map((p) => -p.lat);
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const w = Math.max(x1 - x0, 6), h = Math.max(y1 - y0, 6);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    this.view = { x: cx - w * 0.65, y: cy - h * 0.65, w: w * 1.3, h: h * 1.3 };
    this.apply();
  }

  /** Set the viewBox to the wanted view, widened to the element's aspect ratio; resize the dots. */
  apply() {
    const W = this.svg.clientWidth || 800, H = this.svg.clientHeight || 400;
    let { x, y, w, h } = this.view;
    if (w / h < W / H) { const nw = (h * W) / H; x -= (nw - w) / 2; w = nw; }
    else { const nh = (w * H) / W; y -= (nh - h) / 2; h = nh; }
    this.vb = { x, y, w, h };
    this.svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    const unit = w / W;
    for (const c of this.layer.children) c.setAttribute("r", (Number(c.dataset.r) * unit).toFixed(4));
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
      this.apply();
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.target.classList.contains("point")) return;
      drag = { sx: ev.clientX, sy: ev.clientY, vb: { ...this.vb } };
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add("panning");
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const scale = drag.vb.w / svg.clientWidth;
      this.view = { ...drag.vb, x: drag.vb.x - (ev.clientX - drag.sx) * scale, y: drag.vb.y - (ev.clientY - drag.sy) * scale };
      this.apply();
    });
    const end = () => { drag = null; svg.classList.remove("panning"); };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("dblclick", () => this.fit());
  }

  drawLegend(box) {
    const types = Object.entries(TYPE_COLORS)
      .map(([t, c]) => `<div><span class="swatch" data-swatch="${c}"></span>${esc(t)}</div>`).join("");
    const sizes = [0, 10, 50].map((n) => {
      const r = radiusPx(n);
      return `<span><svg width="${2 * r + 2}" height="${2 * r + 2}"><circle cx="${r + 1}" cy="${r + 1}" r="${r}" fill="#999"/></svg> ${n ? n + " dead" : "none/unknown"}</span>`;
    }).join("");
    box.innerHTML = `${types}<div class="sizes">${sizes}</div><div class="hint">wheel: zoom · drag: pan · double-click: fit</div>`;
    paintSwatches(box);
  }
}
