// The CommonJS view of `jifeline-tickets/client-credentials` (require condition → client-credentials.d.cts).
import credentials = require("jifeline-tickets/client-credentials");
export const token = credentials.clientCredentials({ tokenUrl: "https://auth.example/t", clientId: "id", clientSecret: "s" });
