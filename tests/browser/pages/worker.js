// A Web Worker using the default entry: no window, lazy initialisation on the first call.
import { TicketsApi } from "/pkg/index.js";

// Before the module is loaded, bad options throw at once here too.
let badOptions = null;
try {
  new TicketsApi({ baseUrl: "nope" });
} catch (e) {
  badOptions = `${e.kind} ${e.field}: ${e.message}`;
}
const api = new TicketsApi({ baseUrl: self.location.origin, accessToken: () => Promise.resolve("worker-token") });
try {
  const tickets = [];
  for await (const t of api.tickets({ limit: 2 })) tickets.push(t.ticket_number);
  self.postMessage({ tickets, hasWindow: typeof window !== "undefined", badOptions });
} catch (e) {
  self.postMessage({ failed: `${e.kind}: ${e.message}` });
}
