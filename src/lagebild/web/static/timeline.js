// The timeline: incidents per day, week or month as bars stacked by type. Dragging across it selects
// a period (snapped to whole bars), which filters the map and the list; a click clears it.
//
// Its range is the busy part of the data: a few background events years earlier would otherwise
// squeeze every recent bar into the last pixels. When the shortest stretch holding 95% of the dated
// incidents is less than half of the whole span, only that stretch is drawn, and the incidents
// outside it are counted in a note under the chart with a button that shows the whole period.

import { TYPE_COLORS, esc, fmtDate, LANG, t, tn, typeColor, typeLabel } from "./util.js";

const DAY = 86400000;
const PAD = { l: 30, r: 10, t: 6, b: 18 };
const DENSE_SHARE = 0.95;
const CHAR_PX = 6.3; // width of one character of the 10px axis labels, a little generous

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const utc = (y, m, d = 1) => Date.UTC(y, m, d);

/** The first day of the bucket holding a day: itself, its Monday, or the 1st of its month. */
export function bucketStart(ms, by) {
  if (by === "week") return ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
  if (by === "month") { const d = new Date(ms); return utc(d.getUTCFullYear(), d.getUTCMonth()); }
  return ms;
}

function nextBucket(ms, by) {
  if (by === "week") return ms + 7 * DAY;
  if (by === "month") { const d = new Date(ms); return utc(d.getUTCFullYear(), d.getUTCMonth() + 1); }
  return ms + DAY;
}

/**
 * The busy stretch of daily counts: [first, last] day (ms) of the shortest window holding 95% of
 * the incidents, or null when that window is not much shorter than the whole span.
 */
export function denseRange(days) {
  if (days.length < 3) return null;
  const pts = days.map((b) => [Date.parse(b.start), b.total]).sort((a, b) => a[0] - b[0]);
  const total = pts.reduce((s, p) => s + p[1], 0);
  const need = Math.ceil(total * DENSE_SHARE);
  let best = null, sum = 0, j = -1;
  for (let i = 0; i < pts.length; i++) {
    while (sum < need && j + 1 < pts.length) { j += 1; sum += pts[j][1]; }
    if (sum < need) break;
    const len = pts[j][0] - pts[i][0];
    if (!best || len < best[1] - best[0]) best = [pts[i][0], pts[j][0]];
    sum -= pts[i][1];
  }
  const span = pts[pts.length - 1][0] - pts[0][0];
  if (!best || span <= 0 || best[1] - best[0] >= span * 0.5) return null;
  return best;
}

/** Daily buckets summed into weeks or months. */
export function regroup(days, by) {
  if (by === "day") return days;
  const out = new Map();
  for (const b of days) {
    const start = iso(bucketStart(Date.parse(b.start), by));
    if (!out.has(start)) out.set(start, { start, total: 0, counts: {} });
    const w = out.get(start);
    w.total += b.total;
    for (const [k, n] of Object.entries(b.counts)) w.counts[k] = (w.counts[k] || 0) + n;
  }
  return [...out.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
}

// Tick steps from a day to a decade; the first whose labels do not collide is used.
const STEPS = [
  { by: "day", n: 1 }, { by: "day", n: 2 }, { by: "week", n: 1 }, { by: "week", n: 2 },
  { by: "month", n: 1 }, { by: "month", n: 2 }, { by: "month", n: 3 }, { by: "month", n: 6 },
  { by: "year", n: 1 }, { by: "year", n: 2 }, { by: "year", n: 5 }, { by: "year", n: 10 },
];
const MONTH_LABEL = new Intl.DateTimeFormat(LANG, { month: "short", year: "numeric", timeZone: "UTC" });

function tickLabel(ms, step) {
  const d = new Date(ms);
  if (step.by === "year") return String(d.getUTCFullYear());
  if (step.by === "month") return MONTH_LABEL.format(ms);
  return fmtDate(iso(ms));
}

function ticks(t0, t1, step) {
  const out = [];
  const d = new Date(t0);
  let ms;
  if (step.by === "year") ms = utc(Math.ceil(d.getUTCFullYear() / step.n) * step.n, 0);
  else if (step.by === "month") ms = utc(d.getUTCFullYear(), Math.ceil(d.getUTCMonth() / step.n) * step.n);
  else if (step.by === "week") ms = bucketStart(t0, "week");
  else ms = t0;
  while (ms < t0) ms = advance(ms, step);
  for (; ms <= t1 && out.length < 200; ms = advance(ms, step)) out.push(ms);
  return out;
}

function advance(ms, step) {
  const d = new Date(ms);
  if (step.by === "year") return utc(d.getUTCFullYear() + step.n, 0);
  if (step.by === "month") return utc(d.getUTCFullYear(), d.getUTCMonth() + step.n);
  return ms + (step.by === "week" ? 7 : 1) * step.n * DAY;
}

export class Timeline {
  constructor(svg, note, onBrush) {
    this.svg = svg;
    this.note = note;
    this.onBrush = onBrush;
    this.days = [];
    this.buckets = [];
    this.by = "week";
    this.choice = "auto";
    this.whole = false; // the reader asked to see the whole period
    this.range = null; // {since, until} as YYYY-MM-DD
    this.view = null; // [t0, t1) drawn, in ms
    this.enableBrush();
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  /** New daily counts; `choice` is day, week, month or auto. */
  render(days, choice) {
    this.days = days;
    this.choice = choice;
    this.layout();
    this.draw();
  }

  layout() {
    const days = this.days;
    if (!days.length) { this.view = null; this.buckets = []; this.note.hidden = true; return; }
    const first = Date.parse(days[0].start), last = Date.parse(days[days.length - 1].start);
    const dense = this.whole ? null : denseRange(days);
    const [a, b] = dense || [first, last];
    const span = b - a;
    this.by = this.choice !== "auto" ? this.choice : span <= 120 * DAY ? "day" : span <= 730 * DAY ? "week" : "month";
    this.view = [bucketStart(a, this.by), nextBucket(bucketStart(b, this.by), this.by)];
    const inView = days.filter((d) => { const ms = Date.parse(d.start); return ms >= this.view[0] && ms < this.view[1]; });
    this.buckets = regroup(inView, this.by);
    this.outside(days, dense);
  }

  /** The note under the chart: what lies outside the drawn stretch, and the switch to see it. */
  outside(days, dense) {
    const before = days.filter((d) => Date.parse(d.start) < this.view[0]);
    const after = days.filter((d) => Date.parse(d.start) >= this.view[1]);
    const n = (list) => list.reduce((s, d) => s + d.total, 0);
    const parts = [];
    if (before.length) parts.push(tn("outside_before", n(before), { range: `${fmtDate(before[0].start)}–${fmtDate(before[before.length - 1].start)}` }));
    if (after.length) parts.push(tn("outside_after", n(after), { range: `${fmtDate(after[0].start)}–${fmtDate(after[after.length - 1].start)}` }));
    const canToggle = this.whole || dense;
    this.note.hidden = !parts.length && !canToggle;
    this.note.innerHTML = parts.map((p) => `<span>${esc(p)}</span>`).join(" · ")
      + (canToggle ? ` <button type="button" class="link" id="timeline-whole">${esc(t(this.whole ? "show_dense" : "show_all_years"))}</button>` : "");
    const button = this.note.querySelector("#timeline-whole");
    if (button) button.addEventListener("click", () => { this.whole = !this.whole; this.layout(); this.draw(); });
  }

  x(ms) {
    const [t0, t1] = this.view;
    const W = this.svg.clientWidth || 600;
    return PAD.l + ((ms - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  }

  tAt(x) {
    const [t0, t1] = this.view;
    const W = this.svg.clientWidth || 600;
    return t0 + ((x - PAD.l) / (W - PAD.l - PAD.r)) * (t1 - t0);
  }

  draw() {
    const svg = this.svg;
    const W = svg.clientWidth || 600, H = svg.clientHeight || 130;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    if (!this.buckets.length) {
      svg.innerHTML = `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#888">${esc(t("no_dated"))}</text>`;
      return;
    }
    const max = Math.max(...this.buckets.map((b) => b.total));
    const y = (n) => ((H - PAD.t - PAD.b) * n) / max;
    const types = Object.keys(TYPE_COLORS);
    let html = "";
    for (const b of this.buckets) {
      const s = Date.parse(b.start);
      const x0 = this.x(s), w = Math.max(1, this.x(nextBucket(s, this.by)) - x0 - 1);
      let base = H - PAD.b;
      const extra = Object.keys(b.counts).filter((k) => !types.includes(k));
      for (const type of [...types, ...extra]) {
        const n = b.counts[type];
        if (!n) continue;
        const h = y(n);
        base -= h;
        html += `<rect class="bar" x="${x0.toFixed(1)}" y="${base.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${typeColor(type)}" data-start="${b.start}"><title>${esc(fmtDate(b.start))} (${esc(t(this.by))}): ${n} × ${esc(typeLabel(type))}</title></rect>`;
      }
    }
    html += this.axis(W, H, max);
    html += `<rect class="brush" id="brush" x="0" y="${PAD.t}" width="0" height="${H - PAD.t - PAD.b}" visibility="hidden"/>`;
    svg.innerHTML = html;
    this.showRange();
  }

  /** The time axis: calendar ticks (days, weeks, months or years) spaced so their labels never touch. */
  axis(W, H, max) {
    const [t0, t1] = this.view;
    const plot = W - PAD.l - PAD.r;
    let chosen = STEPS[STEPS.length - 1];
    for (const step of STEPS) {
      const sample = tickLabel(t0, step).length * CHAR_PX + 12;
      const px = (plot * (advance(t0, step) - t0)) / (t1 - t0);
      if (px >= sample) { chosen = step; break; }
    }
    let s = `<g class="axis"><line x1="${PAD.l}" x2="${W - PAD.r}" y1="${H - PAD.b}" y2="${H - PAD.b}"/>`;
    let lastEnd = -Infinity;
    for (const ms of ticks(t0, t1, chosen)) {
      const label = tickLabel(ms, chosen);
      const width = label.length * CHAR_PX;
      const x = this.x(ms);
      const left = Math.min(Math.max(x - width / 2, PAD.l), W - PAD.r - width);
      if (left < lastEnd + 6) continue;
      lastEnd = left + width;
      s += `<line class="tick" x1="${x}" x2="${x}" y1="${H - PAD.b}" y2="${H - PAD.b + 3}"/>`;
      s += `<text class="tick-label" x="${left}" y="${H - 4}">${esc(label)}</text>`;
    }
    s += `<text x="${PAD.l - 4}" y="${PAD.t + 8}" text-anchor="end">${max}</text><text x="${PAD.l - 4}" y="${H - PAD.b}" text-anchor="end">0</text></g>`;
    return s;
  }

  /** The period covered by the bars between two x positions, whole bars. */
  periodBetween(xa, xb) {
    const a = bucketStart(Math.max(this.tAt(Math.min(xa, xb)), this.view[0]), this.by);
    const end = nextBucket(bucketStart(Math.min(this.tAt(Math.max(xa, xb)), this.view[1] - DAY), this.by), this.by);
    return { since: iso(a), until: iso(Math.max(end - DAY, a)) };
  }

  setRange(range) {
    this.range = range;
    this.showRange();
  }

  showRange(xa, xb) {
    const rect = this.svg.querySelector("#brush");
    if (!rect || !this.view) return;
    if (xa === undefined) {
      if (!this.range) { rect.setAttribute("visibility", "hidden"); return; }
      const W = this.svg.clientWidth || 600;
      xa = Math.max(PAD.l, this.x(Date.parse(this.range.since)));
      xb = Math.min(W - PAD.r, this.x(Date.parse(this.range.until) + DAY));
      if (xb <= xa) { rect.setAttribute("visibility", "hidden"); return; }
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
      if (!this.view) return;
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
