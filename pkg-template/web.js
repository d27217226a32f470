// Entry for a plain <script type="module"> page without a bundler:
//   import init, { TicketsApi } from "/node_modules/jifeline-tickets/web.js";
//   await init();
export { ready as default, ready, TicketsApi, JifelineError, isJifelineError, TICKET_STATES, SORT_FIELDS } from "./index.js";
