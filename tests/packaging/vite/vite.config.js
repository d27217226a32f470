// Deliberately empty of wasm settings: the package must work without any.
export default { build: { target: "es2022" } };
