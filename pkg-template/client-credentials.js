// OAuth2 client credentials (RFC 6749 §4.4) for servers: the `accessToken`
// function that gets the Partner API's bearer tokens itself, behind the token
// cache (reused until shortly before they expire, one look-up at a time).
// Exported from the Node entries only: a browser must never hold a client secret.
import { JifelineError } from "./errors.js";
import { TokenSource } from "./web/jifeline_tickets.js";

/** Marks a function that carries its own token cache, so that every client shares it. */
const SOURCE = Symbol.for("jifeline-tickets.tokenSource");

const KEYS = ["tokenUrl", "clientId", "clientSecret", "scope", "fetch", "timeoutMs"];

/**
 * @param {import("./node.d.ts").ClientCredentialsOptions} options
 * @returns {import("./node.d.ts").AccessTokenFunction}
 */
export function clientCredentials(options) {
  if (typeof globalThis.window !== "undefined") {
    throw invalid(
      "clientCredentials",
      "clientCredentials() runs on servers only: a browser page must never hold a client secret. Let your backend get the token, and pass `accessToken` a function that asks your backend for it",
    );
  }
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalid("options", `expected an object such as { tokenUrl, clientId, clientSecret }, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).find((k) => !KEYS.includes(k));
  if (unknown !== undefined) {
    throw invalid(`options.${unknown}`, `is not an option of clientCredentials; expected one of ${KEYS.join(", ")}`);
  }
  const { tokenUrl, clientId, clientSecret, scope, timeoutMs = 30_000 } = options;
  const url = readTokenUrl(tokenUrl);
  if (typeof clientId !== "string" || clientId === "") {
    throw invalid("clientId", `expected a non-empty string, got ${describe(clientId)}`);
  }
  if (typeof clientSecret !== "string" || clientSecret === "") {
    // Only what kind of value it is: a secret given as a number must not be printed.
    throw invalid("clientSecret", `expected a non-empty string, got ${kindOf(clientSecret)}`);
  }
  /** @type {string | undefined} */
  let scopes;
  if (scope !== undefined) {
    const list = typeof scope === "string" ? [scope] : scope;
    if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === "string" && s !== "" && !/\s/.test(s))) {
      throw invalid("scope", `expected a scope string or a non-empty array of them (no spaces inside one), got ${describe(scope)}`);
    }
    scopes = typeof scope === "string" ? scope : list.join(" ");
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== "function") {
    throw invalid("fetch", `expected a function such as globalThis.fetch, got ${describe(options.fetch)}`);
  }
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0) {
    throw invalid("timeoutMs", `expected an integer from 0, got ${describe(timeoutMs)}`);
  }
  // RFC 6749 §2.3.1: each part form-urlencoded, then Basic.
  const basic = btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
  const where = `${url.origin}${url.pathname}`;
  // The secret as given, as sent inside the Basic credentials, and those credentials whole.
  const secrets = [basic, formEncode(clientSecret), clientSecret];

  const timedOut = () => failure(`The token request to ${where} timed out after ${timeoutMs} ms.`, { retryable: true });

  const lookup = async () => {
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    if (scopes !== undefined) body.set("scope", scopes);
    const signal = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
    let response;
    try {
      response = await bounded(
        Promise.resolve().then(() =>
          fetchFn(url.href, {
            method: "POST",
            headers: {
              authorization: `Basic ${basic}`,
              "content-type": "application/x-www-form-urlencoded",
              accept: "application/json",
            },
            body: body.toString(),
            // A token endpoint never redirects; following one could send the secret elsewhere.
            redirect: "error",
            signal,
          }),
        ),
        signal,
        timedOut,
      );
    } catch (e) {
      if (e instanceof JifelineError) throw e;
      const late = /** @type {{ name?: unknown } | null | undefined} */ (e)?.name === "TimeoutError";
      throw late ? timedOut() : failure(`The token request to ${where} failed: network error (${scrub(messageOf(e), secrets)}).`, { retryable: true });
    }
    // Read as it came: only what a message shows is scrubbed (a secret such
    // as "token" or "3600" must not garble the answer it is read from).
    /** @type {string} */
    let text;
    try {
      text = await bounded(
        Promise.resolve().then(() => response.text()),
        signal,
        timedOut,
      );
    } catch (e) {
      if (e instanceof JifelineError) throw e;
      const late = /** @type {{ name?: unknown } | null | undefined} */ (e)?.name === "TimeoutError";
      if (late) throw timedOut();
      // A success that could not be read is a network failure; a refusal says its status whatever its body.
      if (response.ok) {
        throw failure(`The token request to ${where} failed while its answer was read: network error (${scrub(messageOf(e), secrets)}).`, {
          status: response.status,
          retryable: true,
        });
      }
      text = "";
    }
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (!response.ok) {
      const code = typeof answer?.error === "string" ? scrub(answer.error, secrets) : undefined;
      const description = typeof answer?.error_description === "string" ? scrub(answer.error_description, secrets) : undefined;
      const said = code ? `: ${code}${description ? ` (${description})` : ""}` : "";
      const status = response.status;
      // A 404 is a wrong `tokenUrl`, not a refusal: the credentials were never looked at.
      const what = status === 404 ? `was not found (status 404${said}): check \`tokenUrl\`` : `refused the client credentials with status ${status}${said}`;
      throw failure(`The token endpoint ${where} ${what}.`, {
        status,
        retryable: status === 429 || status >= 500,
      });
    }
    /** @param {string} what */
    const bad = (what) => failure(`The token endpoint ${where} answered ${response.status} without a usable token: ${what}.`, { status: response.status });
    if (answer === null || typeof answer !== "object" || Array.isArray(answer)) throw bad("the body is not a JSON object");
    if (typeof answer.access_token !== "string" || answer.access_token === "") throw bad("`access_token` is not a non-empty string");
    if (typeof answer.token_type !== "string" || answer.token_type.toLowerCase() !== "bearer") throw bad('`token_type` is not "Bearer"');
    const expiresIn = answer.expires_in;
    if (expiresIn === undefined) return { token: answer.access_token };
    if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn < 0) throw bad("`expires_in` is not a number of seconds");
    return { token: answer.access_token, expiresIn };
  };
  // Its own cache (the core's rules, in the module), so that it can be shared by clients and called on its own.
  const source = new TokenSource(lookup);
  /** @param {import("./index.js").AccessTokenRequest} [request] */
  const token = (request) => source.token(request?.refresh === true);
  token[SOURCE] = source;
  return token;
}

/**
 * `promise`, or the rejection `late()` makes once `signal` aborts: an injected
 * fetch may ignore its signal, and a body may never end.
 * @template T
 * @param {Promise<T>} promise
 * @param {AbortSignal | undefined} signal
 * @param {() => Error} late
 * @returns {Promise<T>}
 */
function bounded(promise, signal, late) {
  if (signal === undefined) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(late());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * @param {unknown} tokenUrl
 * @returns {URL}
 */
function readTokenUrl(tokenUrl) {
  let url;
  try {
    url = typeof tokenUrl === "string" ? new URL(tokenUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (url && (url.username || url.password)) {
    throw invalid("tokenUrl", "must not carry credentials; pass clientId and clientSecret");
  }
  const local = url && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url && url.protocol === "http:" && !local) {
    throw invalid("tokenUrl", `expected an https:// URL: the client secret must not travel in clear text to ${url.host}`);
  }
  if (!url || !(url.protocol === "https:" || url.protocol === "http:")) {
    const got = typeof tokenUrl === "string" && tokenUrl !== "" ? "a string that is not one" : describe(tokenUrl);
    throw invalid("tokenUrl", `expected an absolute https:// URL string (http:// only for localhost), got ${got}`);
  }
  return url;
}

/** @param {unknown} value */
function kindOf(value) {
  if (value === null || value === undefined || value === "") return describe(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** @param {string} text */
function formEncode(text) {
  return new URLSearchParams({ x: text }).toString().slice(2);
}

/** @param {unknown} thrown */
function messageOf(thrown) {
  const e = /** @type {{ message?: unknown, cause?: { message?: unknown } } | null | undefined} */ (thrown);
  const message = typeof e?.message === "string" ? e.message : String(e);
  const cause = typeof e?.cause?.message === "string" ? e.cause.message : "";
  return cause && cause !== message ? `${message}: ${cause}` : message;
}

/**
 * Whatever the endpoint or the runtime says, the secret never reaches a
 * message, in any of its forms: replaced in one pass, longest form first, so
 * that a replacement is never scrubbed again (a one-letter secret).
 * @param {string} text
 * @param {string[]} secrets
 */
function scrub(text, secrets) {
  const forms = [...new Set(secrets)].filter((s) => s !== "").sort((a, b) => b.length - a.length);
  if (forms.length === 0) return text;
  const pattern = new RegExp(forms.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return text.replace(pattern, "[client secret]");
}

/**
 * @param {string} field
 * @param {string} reason
 */
function invalid(field, reason) {
  return new JifelineError(`Invalid \`${field}\`: ${reason}.`, { kind: "validation", field });
}

/**
 * @param {string} message
 * @param {{ status?: number, retryable?: boolean }} details
 */
function failure(message, details) {
  return new JifelineError(message, { kind: "auth", ...details });
}

/**
 * What `value` is, as a message's "got …" says it (never the content of a string: it may be a credential).
 * @param {unknown} value
 */
function describe(value) {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return value === "" ? "the empty string" : "a string";
    case "number":
    case "boolean":
      return String(value);
    case "bigint":
      return `the BigInt ${value}n`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
  }
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  return "an object";
}
