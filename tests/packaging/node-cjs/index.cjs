// Node CommonJS: `require` of the package name, a real call to the mock.
const { TicketsApi, JifelineError } = require("jifeline-tickets");

(async () => {
  const api = new TicketsApi({ baseUrl: process.argv[2], accessToken: "node-cjs-token" });
  const page = await api.listTickets({ limit: 2 });
  let kind = null;
  try {
    await api.getTicket("../etc/passwd");
  } catch (e) {
    kind = e instanceof JifelineError ? e.kind : "not a JifelineError";
  }
  console.log(JSON.stringify({ total: page.total, count: page.result.length, kind }));
})();
