// WebAssembly modules, imported compiled: wrangler's default CompiledWasm rule for **/*.wasm (and the tests'
// Workers runtime, which follows wrangler.toml) hands them over as WebAssembly.Module.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
