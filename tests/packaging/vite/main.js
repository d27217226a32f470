// A portal built with Vite, importing the package with no plugin or config.
import { TicketsApi, JifelineError } from "jifeline-tickets";

const api = new TicketsApi({ baseUrl: location.origin, accessToken: "vite-token" });
try {
  const page = await api.listTickets({ limit: 3, state: ["pending"] });
  window.outcome = { total: page.total, states: page.result.map((t) => t.state), isErrorClass: typeof JifelineError };
} catch (e) {
  window.outcome = { failed: `${e.kind}: ${e.message}` };
}
