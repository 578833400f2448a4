/**
 * The browser's files are bundled into the Worker as text (wrangler.toml's [[rules]]): importing one
 * gives its source, which src/console/static.ts serves.
 */
declare module "src/console/client/*" {
  const source: string;
  export default source;
}

/** hls.js's browser module, bundled as text by the same rule, for the Video player. */
declare module "hls.js/dist/hls.light.min.mjs" {
  const source: string;
  export default source;
}
