export * from "./index.cjs";
import { ready } from "./index.cjs";
/** Loads the WebAssembly module (already loaded under Node). */
export default ready;
