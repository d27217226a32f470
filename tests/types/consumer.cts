// The CommonJS view of the package type-checks too (require condition → index.d.cts).
import sdk = require("jifeline-tickets");
const api = new sdk.TicketsApi({ baseUrl: "https://a.example" });
export const p: Promise<sdk.Page<sdk.Ticket>> = api.listTickets({ limit: 1 });
export const token = sdk.clientCredentials({ tokenUrl: "https://auth.example/t", clientId: "id", clientSecret: "s" });
