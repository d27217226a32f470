// `jifeline-tickets/client-credentials`: OAuth2 client credentials for servers, the same function the Node
// entries export, reachable under every `moduleResolution` (`bundler` does not apply the `node` condition).
import type { AccessTokenFunction } from "./index.js";

/** Options of {@link clientCredentials}. */
export interface ClientCredentialsOptions {
  /** The OAuth2 token endpoint: an absolute `https://` URL (`http://` only for localhost). */
  tokenUrl: string;
  clientId: string;
  /** Sent only to `tokenUrl` (HTTP Basic, RFC 6749 §2.3.1); never in a message, log or hook event. */
  clientSecret: string;
  /** The scope to ask for: one scope, or several (sent space-separated). */
  scope?: string | string[];
  /** The fetch to use; default `globalThis.fetch`. Called as `fetch(url, init)`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Timeout of each token request in ms; 0 means none. Default 30000. */
  timeoutMs?: number;
}

/**
 * The `accessToken` function for OAuth2 client credentials (RFC 6749 §4.4): it POSTs
 * `grant_type=client_credentials` to `tokenUrl` and reuses the token until shortly before it expires, one
 * look-up at a time however many calls wait for it. Share one between clients to share the token.
 * Its failures reject with `kind: "auth"` (with `status` when the endpoint answered).
 * @throws {JifelineError} `kind: "validation"` for bad options, and where `window` exists (a browser).
 */
export declare function clientCredentials(options: ClientCredentialsOptions): AccessTokenFunction;
