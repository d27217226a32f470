// `jifeline-tickets/testing` for browsers, workers and bundlers: the mock API
// in-process, its own .wasm fetched (through `new URL(…, import.meta.url)`)
// on the first `createMockFetch()`. Nothing here is reachable from the main
// entry, so none of it reaches a portal's production bundle.
import init, { MockApi } from "./testing/jifeline_mock.js";
import { createMockFetchWith } from "./testing-core.js";

let loading = null;

function load() {
  loading ??= init().then(
    () => ({ MockApi }),
    (e) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/**
 * A `fetch` backed by the mock API in-process (see testing.d.ts).
 * @param {import("./testing.d.ts").MockFetchOptions} [options]
 */
export function createMockFetch(options) {
  return createMockFetchWith(load, options);
}
