// The test videos, imported as ArrayBuffers (wrangler.toml's [[rules]] Data for test/fixtures/video).
declare module "*.mkv" {
  const data: ArrayBuffer;
  export default data;
}
