// Header translation between the client-facing connection (HTTP/1.1 or h2c)
// and the HTTP/1.1 hop to the Worker in workerd.
//
// Everything end-to-end is copied untouched, above all `host` and the
// x-amz-* headers: the Worker verifies SigV4 signatures, and a signature
// covers the host and whatever other headers the client chose to sign.
// Only hop-by-hop headers (RFC 9110 section 7.6.1) are dropped, because they
// describe one connection, not the request, and HTTP/2 forbids them outright.

/** Headers that only ever describe a single connection. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "http2-settings",
  // The front already answered `Expect: 100-continue` (Node does so by
  // default), so the upstream hop must not wait for a second 100.
  "expect",
]);

/**
 * Names that a `Connection` header declares hop-by-hop, in addition to the
 * fixed set.
 * @param {string | string[] | undefined} value
 * @returns {Set<string>}
 */
function connectionTokens(value) {
  const tokens = new Set();
  if (value === undefined) return tokens;
  for (const part of (Array.isArray(value) ? value : [value]).join(",").split(",")) {
    const token = part.trim().toLowerCase();
    if (token) tokens.add(token);
  }
  return tokens;
}

/**
 * Upstream request headers for an HTTP/1.x client request, as a flat
 * [name, value, name, value...] list (Node's rawHeaders format), which keeps
 * the client's spelling, order and repeated headers.
 * @param {string[]} rawHeaders `req.rawHeaders`
 * @param {string} fallbackHost used only when an HTTP/1.0 client sent no Host
 * @returns {string[]}
 */
export function upstreamHeadersFromHttp1(rawHeaders, fallbackHost) {
  /** @type {string[]} */
  const out = [];
  let dropped = new Set();
  let hasHost = false;
  let hasBody = false;
  let hasLength = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const lower = rawHeaders[i].toLowerCase();
    if (lower === "connection") dropped = new Set([...dropped, ...connectionTokens(rawHeaders[i + 1])]);
  }
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const lower = name.toLowerCase();
    if (lower === "transfer-encoding") hasBody = true;
    if (HOP_BY_HOP.has(lower) || dropped.has(lower)) continue;
    if (lower === "host") hasHost = true;
    if (lower === "content-length") hasLength = true;
    out.push(name, rawHeaders[i + 1]);
  }
  if (!hasHost) out.push("host", fallbackHost);
  // Node has already removed the client's chunked framing; a body of unknown
  // length is re-chunked for the upstream hop.
  if (hasBody && !hasLength) out.push("transfer-encoding", "chunked");
  return out;
}

/**
 * Upstream request headers for an HTTP/2 stream: pseudo-headers become the
 * request line and `host`, everything else is copied.
 * @param {import("node:http2").IncomingHttpHeaders} headers
 * @param {boolean} hasBody false when the HEADERS frame already ended the stream
 * @param {string} fallbackHost used only when the client sent no :authority
 * @returns {string[]}
 */
export function upstreamHeadersFromHttp2(headers, hasBody, fallbackHost) {
  /** @type {string[]} */
  const out = [];
  const authority = headers[":authority"] ?? headers.host ?? fallbackHost;
  // `host` first, like an HTTP/1.1 client would send it.
  out.push("host", String(authority));
  let hasLength = false;
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(":") || name === "host" || HOP_BY_HOP.has(name) || value === undefined) continue;
    if (name === "content-length") hasLength = true;
    if (Array.isArray(value)) for (const v of value) out.push(name, v);
    else out.push(name, String(value));
  }
  if (hasBody && !hasLength) out.push("transfer-encoding", "chunked");
  return out;
}

/**
 * Response headers from the upstream hop for an HTTP/1.x client, flat list.
 * Framing (content-length vs chunked) is left to Node: it keeps a
 * content-length and otherwise chunks as the body arrives.
 * @param {string[]} rawHeaders `upstreamRes.rawHeaders`
 * @returns {string[]}
 */
export function downstreamHeadersForHttp1(rawHeaders) {
  /** @type {string[]} */
  const out = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (HOP_BY_HOP.has(rawHeaders[i].toLowerCase())) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}

/**
 * Response headers from the upstream hop for an HTTP/2 client. Node's http2
 * throws on connection-specific headers, so dropping them is mandatory.
 * @param {number} status
 * @param {import("node:http").IncomingHttpHeaders} headers `upstreamRes.headers`
 * @returns {import("node:http2").OutgoingHttpHeaders}
 */
export function downstreamHeadersForHttp2(status, headers) {
  /** @type {import("node:http2").OutgoingHttpHeaders} */
  const out = { ":status": status };
  for (const [name, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.has(name) || value === undefined) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Whether the upstream response has an open-ended body (event streams,
 * ReadableStream bodies): such headers are flushed at once instead of
 * waiting for the first body chunk.
 * @param {import("node:http").IncomingHttpHeaders} headers
 */
export function isOpenEnded(headers) {
  return headers["content-length"] === undefined;
}
