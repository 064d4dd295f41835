// The timeline: incidents per day or week as bars stacked by type. Dragging across it selects a
// period (snapped to whole buckets), which filters the map and the list; a click clears it.

import { TYPE_COLORS, esc, typeColor } from "./util.js";

const NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAD = { l: 30, r: 8, t: 6, b: 18 };

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

export class Timeline {
  constructor(svg, onBrush) {
    this.svg = svg;
    this.onBrush = onBrush;
    this.buckets = [];
    this.by = "week";
    this.range = null; // {since, until} as YYYY-MM-DD
    this.enableBrush();
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  render(buckets, by) {
    this.buckets = buckets;
    this.by = by;
    this.draw();
  }

  step() { return (this.by === "week" ? 7 : 1) * DAY; }

  domain() {
    if (!this.buckets.length) return null;
    const t0 = Date.parse(this.buckets[0].start);
    const t1 = Date.parse(this.buckets[this.buckets.length - 1].start) + this.step();
    return [t0, t1];
  }

  x(t) {
    const [t0, t1] = this.domain();
    const W = this.svg.clientWidth || 600;
    return PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  }

  t(x) {
    const [t0, t1] = this.domain();
    const W = this.svg.clientWidth || 600;
    return t0 + ((x - PAD.l) / (W - PAD.l - PAD.r)) * (t1 - t0);
  }

  draw() {
    const svg = this.svg;
    const W = svg.clientWidth || 600, H = svg.clientHeight || 130;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    if (!this.buckets.length) {
      svg.innerHTML = `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#888">no dated incidents</text>`;
      return;
    }
    const max = Math.max(...this.buckets.map((b) => b.total));
    const y = (n) => ((H - PAD.t - PAD.b) * n) / max;
    const types = Object.keys(TYPE_COLORS);
    let html = "";
    for (const b of this.buckets) {
      const s = Date.parse(b.start);
      const x0 = this.x(s), w = Math.max(1, this.x(s + this.step()) - x0 - 1);
      let base = H - PAD.b;
      const extra = Object.keys(b.counts).filter((t) => !types.includes(t));
      for (const type of [...types, ...extra]) {
        const n = b.counts[type];
        if (!n) continue;
        const h = y(n);
        base -= h;
        html += `<rect class="bar" x="${x0.toFixed(1)}" y="${base.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${typeColor(type)}" data-start="${b.start}"><title>${esc(b.start)} (${this.by}): ${n} × ${esc(type)}</title></rect>`;
      }
    }
    html += this.axis(W, H, max);
    html += `<rect class="brush" id="brush" x="0" y="${PAD.t}" width="0" height="${H - PAD.t - PAD.b}" visibility="hidden"/>`;
    svg.innerHTML = html;
    this.showRange();
  }

  axis(W, H, max) {
    const [t0, t1] = this.domain();
    const n = Math.max(2, Math.min(8, Math.floor(W / 90)));
    let s = `<g class="axis"><line x1="${PAD.l}" x2="${W - PAD.r}" y1="${H - PAD.b}" y2="${H - PAD.b}"/>`;
    for (let i = 0; i <= n; i++) {
      const t = t0 + ((t1 - t0) * i) / n, x = this.x(t);
      s += `<text x="${x}" y="${H - 4}" text-anchor="${i === 0 ? "start" : i === n ? "end" : "middle"}">${iso(t)}</text>`;
    }
    s += `<text x="${PAD.l - 4}" y="${PAD.t + 8}" text-anchor="end">${max}</text><text x="${PAD.l - 4}" y="${H - PAD.b}" text-anchor="end">0</text></g>`;
    return s;
  }

  /** The period covered by the buckets between two x positions, whole buckets. */
  periodBetween(xa, xb) {
    const [t0] = this.domain();
    const step = this.step();
    const a = t0 + Math.floor((this.t(Math.min(xa, xb)) - t0) / step) * step;
    const b = t0 + Math.ceil((this.t(Math.max(xa, xb)) - t0) / step) * step - DAY;
    return { since: iso(Math.max(a, t0)), until: iso(Math.max(b, a)) };
  }

  setRange(range) {
    this.range = range;
    this.showRange();
  }

  showRange(xa, xb) {
    const rect = this.svg.querySelector("#brush");
    if (!rect || !this.domain()) return;
    if (xa === undefined) {
      if (!this.range) { rect.setAttribute("visibility", "hidden"); return; }
      xa = this.x(Date.parse(this.range.since));
      xb = this.x(Date.parse(this.range.until) + DAY);
    }
    rect.setAttribute("x", Math.min(xa, xb));
    rect.setAttribute("width", Math.max(1, Math.abs(xb - xa)));
    rect.setAttribute("visibility", "visible");
  }

  enableBrush() {
    const svg = this.svg;
    let start = null;
    const px = (ev) => ev.clientX - svg.getBoundingClientRect().left;
    svg.addEventListener("pointerdown", (ev) => {
      if (!this.domain()) return;
      start = px(ev);
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (start !== null) this.showRange(start, px(ev));
    });
    svg.addEventListener("pointerup", (ev) => {
      if (start === null) return;
      const end = px(ev);
      const moved = Math.abs(end - start) >= 3;
      this.range = moved ? this.periodBetween(start, end) : null;
      start = null;
      this.showRange();
      this.onBrush(this.range);
    });
  }
}
