// The upload form: files and/or pasted text go to POST /api/upload; every input gets a line saying
// what was stored or, in red, why it could not be read. Good inputs are kept whatever the others do.

import { errorText, esc } from "./util.js";

function resultLine(r) {
  if (r.status === "error") {
    const what = r.article_id ? `${r.input} (${r.article_id})` : r.input;
    return `<li class="error">✗ ${esc(what)}: ${esc(r.error)}</li>`;
  }
  const verb = { added: "added", replaced: "updated", unchanged: "already stored, unchanged" }[r.status] || r.status;
  const ids = r.incident_ids || [];
  const open = ids.slice(0, 8).map((id, i) => `<button type="button" class="link" data-incident="${esc(id)}">open ${i + 1}</button>`).join(" ");
  return `<li class="ok">✓ ${esc(r.article_id)} ${verb}: ${r.events} event(s), ${ids.length} incident(s) ${open}</li>`;
}

export function setupUpload(form, out, onStored) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const hasFile = [...form.querySelector("input[type=file]").files].length > 0;
    if (!hasFile) data.delete("files");
    if (!hasFile && !String(data.get("text") || "").trim()) {
      out.innerHTML = "<p class=\"error\">Nothing to read: choose a file or paste an article.</p>";
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    out.innerHTML = "<p class=\"status\">extracting…</p>";
    try {
      const res = await fetch("/api/upload", { method: "POST", body: data });
      let body = null;
      try { body = await res.json(); } catch (_) { body = null; }
      if (!res.ok) {
        out.innerHTML = `<p class="error">Upload refused: ${esc(errorText(body, res.status))}</p>`;
        return;
      }
      const summary = `${body.stored} article(s) stored` + (body.failed ? `, <span class="error">${body.failed} failed</span>` : "");
      out.innerHTML = `<p>${summary}</p><ul>${body.results.map(resultLine).join("")}</ul>`;
      if (body.stored) {
        form.reset();
        onStored(body.results.flatMap((r) => r.incident_ids || []));
      }
    } catch (err) {
      out.innerHTML = `<p class="error">Upload failed: ${esc(err.message)}</p>`;
    } finally {
      button.disabled = false;
    }
  });
}
