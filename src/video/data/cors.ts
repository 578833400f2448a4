/**
 * CORS for HLS and DASH session URLs: a player on any origin may load the playlists and fragments, since the
 * SessionToken in the URL is the credential (no cookie, no signature). Preflights are answered here; every
 * answer under /hls/v1/ and /dash/v1/, errors included, says so.
 */
import type { MiddlewareHandler } from "hono";

const CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "*",
  "access-control-expose-headers": "content-length, content-type, x-amzn-requestid, x-amzn-errortype",
  "access-control-max-age": "86400",
};

export const playbackCors: MiddlewareHandler = async (c, next) => {
  if (c.req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  await next();
  const response = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  c.res = response;
};
