// The incident view (every report with its evidence sentence marked in its article, every claim
// with its source, contradictions marked) and the article view used by search results.

import {
  api, countryName, esc, fmtDate, fmtNumber, kindLabel, paintSwatches, phrases, t, tn, typeColor, typeLabel,
} from "./util.js";

/**
 * Article text as HTML: evidence spans in <mark>, claim spans (figures, control) underlined inside
 * them. The text is cut at every span boundary, so overlapping spans of either kind nest cleanly.
 */
export function highlight(text, marks, claims = []) {
  const inText = (x) => x.end > x.start && x.start >= 0 && x.end <= text.length;
  const ms = marks.filter(inText), cs = claims.filter(inText);
  const cuts = [...new Set([0, text.length, ...ms.flatMap((x) => [x.start, x.end]), ...cs.flatMap((x) => [x.start, x.end])])]
    .sort((a, b) => a - b);
  const covering = (list, a, b) => list.filter((x) => x.start <= a && x.end >= b);
  let out = "";
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    let seg = esc(text.slice(a, b));
    const c = covering(cs, a, b);
    if (c.length) {
      const cls = c.some((x) => x.disputed) ? "claim disputed" : "claim";
      seg = `<span class="${cls}" title="${esc(c.map((x) => x.title).join("; "))}">${seg}</span>`;
    }
    const m = covering(ms, a, b);
    if (m.length) seg = `<mark title="${esc(m.map((x) => x.title).filter(Boolean).join("; "))}">${seg}</mark>`;
    out += seg;
  }
  return out;
}

/** How exactly the place is known, in words (EVENTS.md geo_precision 1-3). */
function geoPrecision(p) {
  const words = phrases("geo_precision");
  return `${t("precision")}: ${words[String(p)] || t("unknown")}`;
}

function actorName(a) {
  if (!a) return "–";
  return typeof a === "string" ? a : a.name;
}

/** One disputed figure: each value with who gives it (a source, or the article on its own authority). */
function contradictionText(c) {
  const vals = (c.values || []).map((v) => {
    const names = (v.sources || []).map((n) => n || t("article_itself"));
    const where = (v.article_ids || []).join(", ");
    return `<strong>${esc(fmtNumber(v.value))}</strong> (${esc(names.join("; "))}${where ? ` <small>· ${esc(where)}</small>` : ""})`;
  });
  return `<li class="contradiction">⚠ <strong>${esc(kindLabel(c.kind))}</strong>: ${vals.join(" · ")}</li>`;
}

function claimsTable(claims, disputed) {
  if (!claims.length) return `<p class="status">${esc(t("no_claims"))}</p>`;
  const rows = claims.map((c) => {
    const cls = disputed.has(c.kind) ? " class=\"contradiction\"" : "";
    return `<tr${cls}><td>${esc(kindLabel(c.kind))}</td><td>${esc(fmtNumber(c.value))}</td><td>${esc(c.source || `(${t("article_itself")})`)}</td>`
      + `<td>${esc(c.text || "")}</td><td><small>${esc(c.article_id)}</small></td></tr>`;
  }).join("");
  return `<table class="claims"><tr><th>${esc(t("claim"))}</th><th>${esc(t("value"))}</th><th>${esc(t("source"))}</th>`
    + `<th>${esc(t("as_written"))}</th><th>${esc(t("article"))}</th></tr>${rows}</table>`;
}

async function reportsHtml(events, claims, disputed) {
  const byArticle = new Map();
  for (const e of events) {
    if (!byArticle.has(e.article_id)) byArticle.set(e.article_id, []);
    byArticle.get(e.article_id).push(e);
  }
  const parts = [];
  for (const [id, evs] of byArticle) {
    let art;
    try { art = (await api(`/api/articles/${encodeURIComponent(id)}`)).data; }
    catch (err) { parts.push(`<div class="report"><p class="error">${esc(id)}: ${esc(err.message)}</p></div>`); continue; }
    const spans = evs.flatMap((e) => (e.evidence || []).filter((v) => v.article_id === id || !v.article_id)
      .map((v) => ({ start: v.start, end: v.end, title: `${typeLabel(e.sub_event_type)} (${e.event_id})` })));
    const claimSpans = claims.filter((c) => c.article_id === id && c.start !== null && c.end !== null)
      .map((c) => ({ start: c.start, end: c.end, disputed: disputed.has(c.kind), title: `${kindLabel(c.kind)}: ${c.value ?? ""} (${c.source || t("article_itself")})` }));
    const notes = evs.map((e) => `<li data-event="${esc(e.event_id)}">${esc(e.notes || typeLabel(e.sub_event_type))} <small>${esc(e.event_id)} · ${esc(t("sources_colon"))}: ${esc((e.sources || []).map((s) => s.name).join(", ") || t("article_itself"))}</small></li>`).join("");
    parts.push(`<div class="report" data-article="${esc(id)}"><div class="head"><strong>${esc(art.title || id)}</strong> · ${esc(art.date ? fmtDate(art.date) : t("no_date"))}`
      + `${art.source ? " · " + esc(art.source) : ""} · <code>${esc(id)}</code></div><ul>${notes}</ul>`
      + `<div class="article-text" data-article="${esc(id)}" data-date="${esc(art.date || "")}">${highlight(art.text, spans, claimSpans)}</div></div>`);
  }
  return parts.join("");
}

export async function renderIncident(box, id) {
  box.innerHTML = `<p class="status">${esc(t("loading"))}</p>`;
  let inc;
  try { inc = (await api(`/api/incidents/${encodeURIComponent(id)}`)).data; }
  catch (err) { box.innerHTML = `<p class="error">${esc(err.message)}</p>`; return; }
  const loc = inc.location || {};
  const disputed = new Set((inc.contradictions || []).map((c) => c.kind));
  const dead = inc.fatalities_max !== null && inc.fatalities_max !== undefined && inc.fatalities_max !== inc.fatalities
    ? `${fmtNumber(inc.fatalities)}–${fmtNumber(inc.fatalities_max)}${disputed.has("fatalities") ? ` <span class="badge warn">${esc(t("disputed"))}</span>` : ""}`
    : fmtNumber(inc.fatalities);
  const contra = (inc.contradictions || []).length
    ? `<div class="contradictions"><strong>${esc(t("disagree"))}</strong> <small>${esc(t("disagree_hint"))}</small><ul>${inc.contradictions.map(contradictionText).join("")}</ul></div>` : "";
  box.innerHTML = `<article class="incident" data-id="${esc(inc.incident_id)}">
    <h2 title="${esc(inc.sub_event_type)}"><span class="swatch" data-swatch="${typeColor(inc.event_type)}"></span> ${esc(typeLabel(inc.sub_event_type))} · ${esc(loc.name || "?")}</h2>
    <dl>
      <dt>${esc(t("date"))}</dt><dd>${esc(inc.date ? fmtDate(inc.date) : t("unknown"))}</dd>
      <dt>${esc(t("type"))}</dt><dd>${esc(typeLabel(inc.event_type))} / ${esc(typeLabel(inc.sub_event_type))}</dd>
      <dt>${esc(t("place"))}</dt><dd>${esc([loc.name, loc.admin1, countryName(loc.country)].filter(Boolean).join(", "))} <small>(${esc(geoPrecision(loc.geo_precision))})</small></dd>
      <dt>${esc(t("actors"))}</dt><dd>${esc(actorName(inc.actor1))} → ${esc(actorName(inc.actor2))}</dd>
      <dt>${esc(t("fatalities"))}</dt><dd>${dead}</dd>
      <dt>${esc(t("sources"))}</dt><dd>${esc((inc.sources || []).join("; ") || t("articles_themselves"))}</dd>
      <dt>${esc(t("reports_label"))}</dt><dd>${esc(t("reports_in", { reports: tn("reports", inc.n_reports), articles: tn("articles_n", (inc.article_ids || []).length) }))}</dd>
    </dl>
    ${contra}
    <h3>${esc(t("claims"))}</h3>${claimsTable(inc.claims || [], disputed)}
    <h3>${esc(t("reports_label"))}</h3><p class="hint">${esc(t("marks_hint"))}</p><div class="reports">${esc(t("loading_articles"))}</div>
  </article>`;
  paintSwatches(box);
  box.querySelector(".reports").innerHTML = await reportsHtml(inc.events || [], inc.claims || [], disputed);
  scrollToMarks(box);
  return inc;
}

/** Scroll each article box (not the page) to its first marked sentence. */
function scrollToMarks(box) {
  for (const text of box.querySelectorAll(".article-text")) {
    const mark = text.querySelector("mark");
    if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.offsetTop - 24);
  }
}

export async function renderArticle(box, id, onIncident) {
  box.innerHTML = `<p class="status">${esc(t("loading"))}</p>`;
  let art, incs;
  try {
    art = (await api(`/api/articles/${encodeURIComponent(id)}`)).data;
    incs = (await api("/api/incidents", { article_id: id, limit: 200 })).data;
  } catch (err) { box.innerHTML = `<p class="error">${esc(err.message)}</p>`; return; }
  const spans = art.events.filter((e) => e.review_status !== "rejected").flatMap((e) => (e.evidence || []).map((v) => ({ start: v.start, end: v.end, title: typeLabel(e.sub_event_type) })));
  const list = incs.map((i) => `<li data-id="${esc(i.incident_id)}"><span class="swatch" data-swatch="${typeColor(i.event_type)}"></span> `
    + `${esc(fmtDate(i.date))} · ${esc(typeLabel(i.sub_event_type))} · ${esc((i.location || {}).name || "?")}</li>`).join("");
  const reports = art.events.map((e) => `<li data-event="${esc(e.event_id)}">${esc(e.notes || typeLabel(e.sub_event_type))} <small>${esc(e.event_id)}</small></li>`).join("");
  box.innerHTML = `<div class="report"><div class="head"><strong>${esc(art.title || id)}</strong> · ${esc(art.date ? fmtDate(art.date) : t("no_date"))} · <code>${esc(id)}</code></div>
    <ol class="incidents">${list || `<li>${esc(t("no_events_read"))}</li>`}</ol>
    ${reports ? `<h3>${esc(t("reports_label"))}</h3><ul class="reports-of-article">${reports}</ul>` : ""}
    <div class="article-text" data-article="${esc(id)}" data-date="${esc(art.date || "")}">${highlight(art.text, spans)}</div></div>`;
  paintSwatches(box);
  for (const li of box.querySelectorAll("li[data-id]")) li.addEventListener("click", () => onIncident(li.dataset.id));
  scrollToMarks(box);
  return art;
}
