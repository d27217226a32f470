export * from "./index.js";
import { ready } from "./index.js";
/** Loads the WebAssembly module; await it once before creating a TicketsApi. */
export default ready;
