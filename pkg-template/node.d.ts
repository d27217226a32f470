// The Node entry: everything of the package, plus OAuth2 client credentials
// (servers only: a browser must never hold a client secret).
export * from "./index.js";
export * from "./client-credentials.js";
import { ready } from "./index.js";
/** Already loaded under Node; kept so code shared with browsers can call it. */
export default ready;
