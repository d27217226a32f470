// "Export CSV": every ticket of the current filter, page after page through
// the SDK's `tickets()` iterator, with a progress bar (rows of `total`) and a
// Stop button that aborts the walk through an AbortSignal.

/**
 * RFC 4180 quoting; a text starting with = + - @ is prefixed with ' so spreadsheets never run it as a formula.
 * @param {unknown} value
 */
function csvField(value) {
  if (value === null || value === undefined) return "";
  let text = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Runs one export. `ui` holds the elements: `progress` (<progress>), `text`, `stop` (button), `link` (<a>).
 * Resolves to `{ rows, total, stopped }`; rejects with the SDK's JifelineError on any other failure.
 * @param {import("jifeline-tickets").TicketsApi} api
 * @param {import("jifeline-tickets").TicketQuery} query
 * @param {{ progress: HTMLProgressElement, text: HTMLElement, stop: HTMLElement, link: HTMLAnchorElement }} ui
 */
export async function exportCsv(api, query, ui) {
  const controller = new AbortController();
  const onStop = () => controller.abort();
  ui.stop.addEventListener("click", onStop);
  ui.stop.hidden = false;
  ui.progress.hidden = false;
  ui.progress.removeAttribute("value");
  ui.link.hidden = true;
  ui.text.textContent = "Exporting…";
  /** @type {string[]} */
  const lines = [];
  /** @type {(keyof import("jifeline-tickets").Ticket)[] | null} */
  let columns = null;
  const items = api.tickets(query, { signal: controller.signal });
  try {
    for await (const ticket of items) {
      if (columns === null) {
        columns = /** @type {(keyof import("jifeline-tickets").Ticket)[]} */ (Object.keys(ticket));
        lines.push(columns.join(","));
      }
      lines.push(columns.map((c) => csvField(ticket[c])).join(","));
      const rows = lines.length - 1;
      ui.progress.max = items.total || 1;
      ui.progress.value = rows;
      ui.text.textContent = `${rows} of ${items.total} rows`;
    }
  } catch (e) {
    if (/** @type {{ kind?: unknown } | null | undefined} */ (e)?.kind === "aborted") {
      const rows = Math.max(0, lines.length - 1);
      ui.text.textContent = `Stopped at ${rows} of ${items.total ?? "?"} rows; nothing saved.`;
      return { rows, total: items.total, stopped: true };
    }
    ui.text.textContent = "Export failed.";
    throw e;
  } finally {
    ui.stop.removeEventListener("click", onStop);
    ui.stop.hidden = true;
  }
  const rows = Math.max(0, lines.length - 1);
  ui.progress.max = items.total || 1;
  ui.progress.value = rows;
  URL.revokeObjectURL(ui.link.href);
  ui.link.href = URL.createObjectURL(new Blob([`${lines.join("\r\n")}\r\n`], { type: "text/csv" }));
  ui.link.download = "tickets.csv";
  ui.link.textContent = `tickets.csv (${rows} rows)`;
  ui.link.hidden = false;
  ui.text.textContent = `${rows} of ${items.total ?? 0} rows exported.`;
  ui.link.click();
  return { rows, total: items.total ?? 0, stopped: false };
}
