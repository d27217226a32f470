// Source of testing.cjs (Node require), bundled to CommonJS by
// scripts/build-package.sh. It loads the same .wasm as the other entries.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync, MockApi } from "./testing/jifeline_mock.js";
import { createMockFetchWith } from "./testing-core.js";

let loaded = false;

async function load() {
  if (!loaded) {
    initSync({ module: readFileSync(join(__dirname, "testing", "jifeline_mock_bg.wasm")) });
    loaded = true;
  }
  return { MockApi };
}

/**
 * A `fetch` backed by the mock API in-process (see testing.d.ts).
 * @param {import("./testing.d.ts").MockFetchOptions} [options]
 */
function createMockFetch(options) {
  return createMockFetchWith(load, options);
}

export { createMockFetch };
