// The request log panel, fed by the SDK's observe-only hooks: one row per
// answered attempt (method, path, status, ms, retries so far) and one per
// call that failed without an answer (timeout, network, aborted, refused
// input). Events never hold a header, so no token can reach this panel.
const MAX_ROWS = 200;

/**
 * The hooks to pass to `new TicketsApi({ hooks })`, writing into `tbody`.
 * @param {HTMLTableSectionElement} tbody
 * @param {HTMLElement} counter
 * @returns {import("jifeline-tickets").Hooks}
 */
export function requestLogHooks(tbody, counter) {
  let seen = 0;
  /**
   * @param {string[]} cells
   * @param {string} className
   */
  const add = (cells, className) => {
    const tr = document.createElement("tr");
    if (className) tr.className = className;
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    tbody.prepend(tr);
    while (tbody.rows.length > MAX_ROWS) /** @type {Element} */ (tbody.lastElementChild).remove();
    counter.textContent = `${++seen} logged`;
  };
  /** @param {string | undefined} url */
  const path = (url) => {
    if (!url) return "(not sent)";
    const u = new URL(url);
    return decodeURIComponent(u.pathname + u.search);
  };
  /** @param {number} d */
  const ms = (d) => `${Math.round(d)}`;
  const time = () => new Date().toLocaleTimeString();
  return {
    onResponse: (e) =>
      add([time(), e.operation, e.method, path(e.url), String(e.status), ms(e.durationMs), String(e.attempt - 1)], e.status >= 400 ? "failed" : ""),
    onRetry: (e) => add([time(), e.operation, e.method, path(e.url), `retry in ${Math.round(e.delayMs)} ms`, "", String(e.attempt - 1)], "retry"),
    // A call that failed after an answer was already logged by onResponse; log the others.
    onError: (e) => {
      if (e.error.kind === "http" || e.error.kind === "decode") return;
      add([time(), e.operation, e.method, path(e.url), e.error.kind, ms(e.durationMs), String(Math.max(0, e.attempt - 1))], "failed");
    },
  };
}
