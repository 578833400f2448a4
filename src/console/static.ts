/**
 * The console's stylesheet and browser modules, served from the Worker itself (they are bundled
 * into it as text by wrangler.toml's [[rules]], and imported by their path from the project root,
 * which the tests' Workers runtime needs; see client/modules.d.ts) so that `npm start`, the tests and a deployment serve
 * the same files with no build step and no assets binding. hls.js (the Video player) is served from
 * node_modules as npm installed it, by the same rule. They hold no data, so they are served
 * without a session (the sign-in page needs the stylesheet). Browsers revalidate them on every load
 * (`no-cache` with an ETag), so a new deployment is picked up at once.
 */
import { Hono } from "hono";
import apiJs from "src/console/client/api.js";
import applicationsJs from "src/console/client/applications.js";
import consoleCss from "src/console/client/console.css";
import consoleJs from "src/console/client/console.js";
import formsJs from "src/console/client/forms.js";
import liveRowsJs from "src/console/client/live-rows.js";
import objectsJs from "src/console/client/objects.js";
import recordsJs from "src/console/client/records.js";
import refreshJs from "src/console/client/refresh.js";
import framesJs from "src/console/client/frames.js";
import fragmentsJs from "src/console/client/fragments.js";
import videoJs from "src/console/client/video.js";
import viewerJs from "src/console/client/viewer.js";
// hls.js as npm ships it (package.json's dependency), for the Video pages' player.
import hlsJs from "hls.js/dist/hls.light.min.mjs";
import { CONSOLE_PATH } from "./session";

const JS = "text/javascript; charset=utf-8";
const FILES: ReadonlyMap<string, { source: string; type: string }> = new Map([
  ["console.css", { source: consoleCss, type: "text/css; charset=utf-8" }],
  ["console.js", { source: consoleJs, type: JS }],
  ["api.js", { source: apiJs, type: JS }],
  ["applications.js", { source: applicationsJs, type: JS }],
  ["forms.js", { source: formsJs, type: JS }],
  ["live-rows.js", { source: liveRowsJs, type: JS }],
  ["objects.js", { source: objectsJs, type: JS }],
  ["records.js", { source: recordsJs, type: JS }],
  ["refresh.js", { source: refreshJs, type: JS }],
  ["frames.js", { source: framesJs, type: JS }],
  ["fragments.js", { source: fragmentsJs, type: JS }],
  ["video.js", { source: videoJs, type: JS }],
  ["viewer.js", { source: viewerJs, type: JS }],
  ["hls.mjs", { source: hlsJs, type: JS }],
]);

export function staticUrl(name: string): string {
  return `${CONSOLE_PATH}/static/${name}`;
}

const etags = new Map<string, string>();

async function etagOf(name: string, source: string): Promise<string> {
  const known = etags.get(name);
  if (known) return known;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(source)));
  const etag = `"${digest.slice(0, 12).toBase64({ alphabet: "base64url", omitPadding: true })}"`;
  etags.set(name, etag);
  return etag;
}

export const staticFiles = new Hono();

staticFiles.get("/:name", async (c) => {
  const file = FILES.get(c.req.param("name"));
  if (!file) return c.notFound();
  const etag = await etagOf(c.req.param("name"), file.source);
  const headers = { etag, "cache-control": "no-cache", "x-content-type-options": "nosniff" };
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  return c.body(file.source, 200, { ...headers, "content-type": file.type });
});
