// Node ESM: `import` from the package name, a real call to the mock.
import { TicketsApi, JifelineError } from "jifeline-tickets";

const api = new TicketsApi({ baseUrl: process.argv[2], accessToken: "node-esm-token" });
const page = await api.listTickets({ limit: 2 });
let kind = null;
try {
  await api.getTicket("../etc/passwd");
} catch (e) {
  kind = e instanceof JifelineError ? e.kind : "not a JifelineError";
}
console.log(JSON.stringify({ total: page.total, count: page.result.length, kind }));
