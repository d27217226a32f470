// A portal built with webpack 5, importing the package with no wasm settings.
import { TicketsApi, JifelineError } from "jifeline-tickets";

(async () => {
  const api = new TicketsApi({ baseUrl: location.origin, accessToken: "webpack-token" });
  try {
    const page = await api.listTickets({ limit: 3, state: ["pending"] });
    window.outcome = { total: page.total, states: page.result.map((t) => t.state), isErrorClass: typeof JifelineError };
  } catch (e) {
    window.outcome = { failed: `${e.kind}: ${e.message}` };
  }
})();
