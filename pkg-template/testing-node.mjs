// `jifeline-tickets/testing` under Node (import): the mock's .wasm compiled
// from the package on the first `createMockFetch()`.
import { readFileSync } from "node:fs";
import { initSync, MockApi } from "./testing/jifeline_mock.js";
import { createMockFetchWith } from "./testing-core.js";

let loaded = false;

async function load() {
  if (!loaded) {
    initSync({ module: readFileSync(new URL("./testing/jifeline_mock_bg.wasm", import.meta.url)) });
    loaded = true;
  }
  return { MockApi };
}

/**
 * A `fetch` backed by the mock API in-process (see testing.d.ts).
 * @param {import("./testing.d.ts").MockFetchOptions} [options]
 */
export function createMockFetch(options) {
  return createMockFetchWith(load, options);
}
