// The upload form: files and/or pasted text go to POST /api/upload; every input gets a line saying
// what was stored or, in red, why it could not be read. Good inputs are kept whatever the others do.

import { errorText, esc, t, tn } from "./util.js";

function resultLine(r) {
  if (r.status === "error") {
    const what = r.article_id ? `${r.input} (${r.article_id})` : r.input;
    return `<li class="error">✗ ${esc(what)}: ${esc(r.error)}</li>`;
  }
  const verb = t(`status_${r.status}`);
  const ids = r.incident_ids || [];
  const open = ids.slice(0, 8).map((id, i) => `<button type="button" class="link" data-incident="${esc(id)}">${esc(t("open_n", { n: i + 1 }))}</button>`).join(" ");
  const counts = t("upload_line", { events: tn("events_n", r.events), incidents: tn("incidents_n", ids.length) });
  return `<li class="ok">✓ ${esc(r.article_id)} ${esc(verb)}: ${esc(counts)} ${open}</li>`;
}

export function setupUpload(form, out, onStored) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const hasFile = [...form.querySelector("input[type=file]").files].length > 0;
    if (!hasFile) data.delete("files");
    if (!hasFile && !String(data.get("text") || "").trim()) {
      out.innerHTML = `<p class="error">${esc(t("nothing_to_read"))}</p>`;
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    out.innerHTML = `<p class="status">${esc(t("extracting"))}</p>`;
    try {
      const res = await fetch("/api/upload", { method: "POST", body: data });
      let body = null;
      try { body = await res.json(); } catch (_) { body = null; }
      if (!res.ok) {
        out.innerHTML = `<p class="error">${esc(t("upload_refused", { reason: errorText(body, res.status) }))}</p>`;
        return;
      }
      const summary = esc(tn("stored_n", body.stored)) + (body.failed ? `, <span class="error">${esc(t("failed_n", { n: body.failed }))}</span>` : "");
      out.innerHTML = `<p>${summary}</p><ul>${body.results.map(resultLine).join("")}</ul>`;
      if (body.stored) {
        form.reset();
        onStored(body.results.flatMap((r) => r.incident_ids || []));
      }
    } catch (err) {
      out.innerHTML = `<p class="error">${esc(t("upload_failed", { reason: err.message }))}</p>`;
    } finally {
      button.disabled = false;
    }
  });
}
