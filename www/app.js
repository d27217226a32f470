// The demo portal: everything here is ordinary code a portal developer
// could copy. It talks to the API only through the jifeline-tickets package.
import { TicketsApi, JifelineError, TICKET_STATES } from "jifeline-tickets";
import { requestLogHooks } from "./request-log.js";
import { exportCsv } from "./export.js";

/**
 * @typedef {import("jifeline-tickets").TicketQuery} TicketQuery
 * @typedef {import("jifeline-tickets").InProgressTicket} InProgressTicket
 */

/**
 * An element of index.html, which has every one the demo asks for.
 * @param {string} sel
 */
const $ = (sel) => /** @type {HTMLElement} */ (document.querySelector(sel));

const settings = {
  baseUrl: new URLSearchParams(location.search).get("baseUrl") ?? location.origin,
  accessToken: "demo-token",
  apiKey: "",
};
// One log for every client the settings make.
const logHooks = requestLogHooks(/** @type {HTMLTableSectionElement} */ ($("#log-rows")), $("#log-count"));
let api = makeApi();
let ticketsOffset = 0;
let inProgressOffset = 0;
/** @type {AbortController | null} */
let lastSearch = null; // abort the previous list request when a new one starts

function makeApi() {
  return new TicketsApi({
    baseUrl: settings.baseUrl,
    // A function with the token's lifetime, as a portal's backend would answer:
    // the SDK reuses it until shortly before it expires.
    accessToken: () => ({ token: settings.accessToken, expiresIn: 3600 }),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    hooks: logHooks,
  });
}

// ---------------------------------------------------------------- feedback
/** @param {unknown} e */
function showError(e) {
  const box = $("#error");
  box.replaceChildren();
  const kind = document.createElement("span");
  kind.className = "kind";
  const text = document.createElement("span");
  if (e instanceof JifelineError) {
    kind.textContent = e.status ? `${e.kind} ${e.status}` : e.kind;
    // The message already carries the problem's title and detail.
    text.textContent = e.field ? `${e.message} (field: ${e.field})` : e.message;
  } else {
    kind.textContent = "error";
    text.textContent = String(e);
  }
  box.append(kind, text);
  box.hidden = false;
}

function clearError() {
  $("#error").hidden = true;
}

/**
 * @template T
 * @param {HTMLElement} element
 * @param {string} message
 * @param {() => Promise<T>} work
 * @param {{ keepError?: boolean }} [options]
 * @returns {Promise<T | undefined>}
 */
async function busy(element, message, work, { keepError = false } = {}) {
  element.classList.add("loading");
  $("#status").textContent = message;
  try {
    const result = await work();
    if (!keepError) clearError();
    return result;
  } catch (e) {
    if (!(e instanceof JifelineError && e.kind === "aborted")) showError(e);
    return undefined;
  } finally {
    element.classList.remove("loading");
    $("#status").textContent = "";
  }
}

/** @param {string | null | undefined} iso */
const fmt = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
/**
 * @param {string | number | null | undefined} text
 * @param {string} [className]
 */
function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = String(text ?? "—");
  if (className) td.className = className;
  return td;
}
/** @param {string} state */
function stateBadge(state) {
  const td = document.createElement("td");
  const span = document.createElement("span");
  span.className = `state state-${state}`;
  span.textContent = state;
  td.append(span);
  return td;
}

// ---------------------------------------------------------------- tickets
function ticketQuery() {
  const form = new FormData(/** @type {HTMLFormElement} */ ($("#filters")));
  // The form's selects and checkboxes offer only the values their types name.
  const sortField = /** @type {import("jifeline-tickets").SortField} */ (form.get("sort_field"));
  const sortDir = /** @type {"asc" | "desc"} */ (form.get("sort_dir"));
  /** @type {TicketQuery & { limit: number, offset: number }} */
  const query = { limit: Number(form.get("limit")), offset: ticketsOffset, sort_by: { [sortField]: sortDir } };
  const states = /** @type {import("jifeline-tickets").KnownTicketState[]} */ (form.getAll("state"));
  if (states.length) query.state = states;
  const number = String(form.get("ticket_number") ?? "").trim();
  if (number) query.ticket_number = Number(number);
  if (form.get("no_vin")) query.vin = "";
  else if (String(form.get("vin") ?? "").trim()) query.vin = String(form.get("vin")).trim().toUpperCase();
  for (const key of /** @type {const} */ (["created_after", "created_before"])) {
    if (form.get(key)) query[key] = new Date(String(form.get(key)));
  }
  return query;
}

async function loadTickets() {
  lastSearch?.abort();
  const controller = new AbortController();
  lastSearch = controller;
  const query = ticketQuery();
  const page = await busy($("#tickets-view"), "Loading tickets…", () => api.listTickets(query, { signal: controller.signal }));
  if (!page) return;
  const rows = page.result.map((t) => {
    const tr = document.createElement("tr");
    tr.dataset.id = t.id;
    tr.append(cell(t.ticket_number), stateBadge(t.state), cell(t.vin), cell(fmt(t.created_at)), cell(fmt(t.updated_at)), cell(t.voucher_code));
    tr.addEventListener("click", () => showTicket(t.id));
    return tr;
  });
  $("#ticket-rows").replaceChildren(...rows);
  const from = page.total === 0 ? 0 : query.offset + 1;
  $("#range").textContent = `${from}–${query.offset + page.result.length} of ${page.total}`;
  /** @type {HTMLButtonElement} */ ($("#prev")).disabled = query.offset === 0;
  /** @type {HTMLButtonElement} */ ($("#next")).disabled = query.offset + page.result.length >= page.total;
}

/** @param {string} id */
async function showTicket(id) {
  const t = await busy($("#detail"), "Loading ticket…", () => api.getTicket(id));
  if (!t) return;
  const dl = document.createElement("dl");
  for (const [k, v] of Object.entries(t)) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v === null ? "null" : String(v);
    dl.append(dt, dd);
  }
  const h = document.createElement("h2");
  h.textContent = `Ticket ${t.ticket_number}`;
  $("#detail").replaceChildren(h, dl);
  $("#detail").hidden = false;
  $("#detail").scrollIntoView({ block: "nearest" });
}

// ---------------------------------------------------------------- in progress
/** @param {{ keepError?: boolean }} [options] */
async function loadInProgress(options) {
  const limit = 10;
  const page = await busy(
    $("#in-progress-view"),
    "Loading in-progress tickets…",
    () => api.listInProgressTickets({ limit, offset: inProgressOffset }),
    options,
  );
  if (!page) return;
  const rows = page.result.map((t) => {
    const tr = document.createElement("tr");
    tr.dataset.id = t.id;
    tr.dataset.number = String(t.ticket_number);
    const actions = document.createElement("td");
    actions.className = "actions";
    for (const [label, action] of [
      ["Operator…", "operator"],
      ["Outsource…", "outsource"],
      ["Complete", "complete"],
      ["Cancel…", "cancel"],
    ]) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.dataset.action = action;
      b.addEventListener("click", () => act(action, t));
      actions.append(b);
    }
    tr.append(cell(t.ticket_number), cell(t.vin), cell(t.operator_id), cell(fmt(t.service_started_at)), actions);
    return tr;
  });
  $("#ip-rows").replaceChildren(...rows);
  const from = page.total === 0 ? 0 : inProgressOffset + 1;
  $("#ip-range").textContent = `${from}–${inProgressOffset + page.result.length} of ${page.total}`;
  /** @type {HTMLButtonElement} */ ($("#ip-prev")).disabled = inProgressOffset === 0;
  /** @type {HTMLButtonElement} */ ($("#ip-next")).disabled = inProgressOffset + page.result.length >= page.total;
}

/**
 * Asks for the fields of an action in a small form; resolves to FormData or null.
 * @param {string} title
 * @param {[name: string, label: string, value?: string | null][]} fields
 * @returns {Promise<FormData | null>}
 */
function ask(title, fields) {
  const form = /** @type {HTMLFormElement} */ ($("#action-form"));
  const h = document.createElement("h3");
  h.textContent = title;
  const inputs = fields.map(([name, label, value = ""]) => {
    const l = document.createElement("label");
    l.textContent = label;
    const i = document.createElement("input");
    i.name = name;
    i.value = value ?? "";
    l.append(i);
    return l;
  });
  const ok = document.createElement("button");
  ok.value = "ok";
  ok.textContent = "Send";
  const cancel = document.createElement("button");
  cancel.value = "cancel";
  cancel.textContent = "Close";
  form.replaceChildren(h, ...inputs, ok, cancel);
  const dialog = /** @type {HTMLDialogElement} */ ($("#action-dialog"));
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok" ? new FormData(form) : null), { once: true });
  });
}

/**
 * @param {string} action
 * @param {InProgressTicket} t
 */
async function act(action, t) {
  /** @type {() => Promise<import("jifeline-tickets").TransitionResult | InProgressTicket>} */
  let work;
  if (action === "complete") {
    work = () => api.complete(t.id);
  } else if (action === "operator") {
    const f = await ask(`Change the operator of ${t.ticket_number}`, [["operator_id", "Operator id", t.operator_id]]);
    if (!f) return;
    work = () => api.updateInProgressTicket(t.id, { operator_id: String(f.get("operator_id")).trim() });
  } else if (action === "outsource") {
    const f = await ask(`Outsource ${t.ticket_number}`, [
      ["product_ids", "Product ids (comma-separated)"],
      ["provider_id", "Provider id"],
    ]);
    if (!f) return;
    const product_ids = String(f.get("product_ids"))
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    work = () => api.outsource(t.id, { product_ids, provider_id: String(f.get("provider_id")).trim() });
  } else {
    const f = await ask(`Cancel ${t.ticket_number}`, [["cancel_reason_id", "Cancel reason id", "1"]]);
    if (!f) return;
    work = () => api.cancel(t.id, { cancel_reason_id: Number(f.get("cancel_reason_id")) });
  }
  const result = await busy($("#in-progress-view"), `Sending ${action}…`, work);
  if (!result) {
    // The ticket may have moved on (completed in another tab, or the transition
    // applied before the answer was lost): show the list as it is now, and the error.
    await loadInProgress({ keepError: true });
    return;
  }
  // A transition answers where the ticket went; an update answers the ticket.
  const moved = "location" in result ? result : undefined;
  const where = moved?.resource && "state" in moved.resource ? ` (now ${moved.resource.state})` : "";
  $("#notice").textContent = `Ticket ${t.ticket_number}: ${action} done → ${moved?.location ?? "updated"}${where}`;
  await loadInProgress();
}

// ---------------------------------------------------------------- wiring
const navButtons = () => /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll("nav button"));

/** @param {string | undefined} name */
function showView(name) {
  for (const b of navButtons()) b.classList.toggle("active", b.dataset.view === name);
  $("#tickets-view").hidden = name !== "tickets";
  $("#in-progress-view").hidden = name !== "in-progress";
  return name === "tickets" ? loadTickets() : loadInProgress();
}

function init() {
  $("#state-options").replaceChildren(
    ...TICKET_STATES.map((s) => {
      const l = document.createElement("label");
      l.className = "inline";
      const i = document.createElement("input");
      i.type = "checkbox";
      i.name = "state";
      i.value = s;
      l.append(i, ` ${s}`);
      return l;
    }),
  );
  const sf = /** @type {HTMLFormElement} */ ($("#settings-form"));
  sf.baseUrl.value = settings.baseUrl;
  sf.accessToken.value = settings.accessToken;
  sf.addEventListener("submit", (e) => {
    e.preventDefault();
    Object.assign(settings, { baseUrl: sf.baseUrl.value.trim(), accessToken: sf.accessToken.value, apiKey: sf.apiKey.value });
    try {
      api = makeApi();
      clearError();
    } catch (err) {
      showError(err);
      return;
    }
    ticketsOffset = 0;
    loadTickets();
  });
  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    ticketsOffset = 0;
    loadTickets();
  });
  $("#export").addEventListener("click", async () => {
    // The current filter, over every page (250 tickets a request).
    const { offset, limit, ...filter } = ticketQuery();
    const ui = {
      progress: /** @type {HTMLProgressElement} */ ($("#export-progress")),
      text: $("#export-text"),
      stop: $("#export-stop"),
      link: /** @type {HTMLAnchorElement} */ ($("#export-link")),
    };
    const button = /** @type {HTMLButtonElement} */ ($("#export"));
    button.disabled = true;
    try {
      await exportCsv(api, { ...filter, limit: 250 }, ui);
    } catch (e) {
      showError(e);
    } finally {
      button.disabled = false;
    }
  });
  $("#log-clear").addEventListener("click", () => $("#log-rows").replaceChildren());
  const limit = () => Number(new FormData(/** @type {HTMLFormElement} */ ($("#filters"))).get("limit"));
  $("#prev").addEventListener("click", () => {
    ticketsOffset = Math.max(0, ticketsOffset - limit());
    loadTickets();
  });
  $("#next").addEventListener("click", () => {
    ticketsOffset += limit();
    loadTickets();
  });
  $("#ip-prev").addEventListener("click", () => {
    inProgressOffset = Math.max(0, inProgressOffset - 10);
    loadInProgress();
  });
  $("#ip-next").addEventListener("click", () => {
    inProgressOffset += 10;
    loadInProgress();
  });
  for (const b of navButtons()) b.addEventListener("click", () => showView(b.dataset.view));
  loadTickets();
}

init();
