// A plain production config: no experiments, no wasm loader. The package's
// `new URL("…_bg.wasm", import.meta.url)` is handled by webpack 5 as an asset.
const path = require("node:path");
module.exports = {
  mode: "production",
  entry: "./src.js",
  output: { path: path.join(__dirname, "dist"), filename: "main.js", clean: true },
};
