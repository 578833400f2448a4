import { Transform } from "node:stream";

// Request bodies at the front. A deployed Worker has Cloudflare in front of
// it, which caps a request body at 100 MB and does not wait forever for one;
// locally this front stands in for it. A body is cut off, and the request
// answered as AWS answers one, when it:
// - declares a Content-Length over the limit (at once, nothing is forwarded),
//   or passes the limit while it streams (chunked, HTTP/2);
// - stops for `idleMs`, or is not complete within `totalMs` (one trickling a
//   byte at a time would otherwise hold a request open for ever).
// The Worker applies its own, smaller limits to each service; this one only
// keeps anything larger from reaching it.

/**
 * @typedef {object} BodyLimits
 * @property {number} maxBytes
 * @property {number} idleMs
 * @property {number} totalMs
 */

/** @type {BodyLimits} */
export const DEFAULT_BODY_LIMITS = {
  // Cloudflare's limit on a request body to a Worker (Free and Pro plans).
  maxBytes: 100 * 1000 * 1000,
  // S3 closes a connection left idle for about 20 seconds (RequestTimeout).
  idleMs: 20_000,
  // 100 MB at 1 MB/s, with room to spare.
  totalMs: 300_000,
};

/** @typedef {"too-large" | "timeout"} BodyProblem */

// The Worker's own limits (src/limits.ts), which it answers for itself: what
// it reads of a request without a signature (MAX_UNSIGNED_BODY_BYTES), of a
// signed one (MAX_REQUEST_BYTES) and of an S3 one (MAX_S3_REQUEST_BYTES).
const WORKER_UNSIGNED_BYTES = 64 * 1024;
const WORKER_SIGNED_BYTES = 10 * 1024 * 1024;
const WORKER_S3_BYTES = 100 * 1000 * 1000;

/**
 * How much of a body to forward: one byte more than the Worker will read of
 * it, enough for it to refuse the body in its own words. A Worker that
 * stops reading a body mid-way drops the connection, and with it the answer
 * it gave, so the front ends the body there instead.
 * @param {{ path: string, signed: boolean, s3: boolean }} request
 */
export function forwardLimit({ path, signed, s3 }) {
  if (s3) return WORKER_S3_BYTES + 1;
  // The console signs nothing: its session is a cookie.
  if (!signed && !path.startsWith("/console")) return WORKER_UNSIGNED_BYTES + 1;
  return WORKER_SIGNED_BYTES + 1;
}

/**
 * A pass-through for the body that watches its size and pace. It passes on
 * at most `forwardBytes`, then ends (`onForwarded`: the Worker has all it
 * will read); past `limits.maxBytes`, or when the body stops for `idleMs` or
 * is not complete within `totalMs`, it calls `onProblem` once and passes
 * nothing more on. `stop()` ends the watch. `release()` ends it too but passes the rest of the body on,
 * whatever its size and pace: the Worker answered with success while the body still streams (PutMedia's
 * acknowledgements come back while a camera keeps sending), so it reads the body itself.
 * @param {BodyLimits} limits
 * @param {number} forwardBytes
 * @param {{ onProblem: (problem: BodyProblem) => void, onForwarded: () => void }} callbacks
 */
export function guardBody(limits, forwardBytes, { onProblem, onForwarded }) {
  let bytes = 0;
  let done = false;
  let released = false;
  /** @type {NodeJS.Timeout | undefined} */
  let idle;
  const total = setTimeout(() => fail("timeout"), limits.totalMs);
  const stop = () => {
    done = true;
    clearTimeout(total);
    clearTimeout(idle);
  };
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      // Held back by the Worker reading slowly, not by the client: wait on.
      if (transform.readableLength >= transform.readableHighWaterMark) armIdle();
      else fail("timeout");
    }, limits.idleMs);
  };
  /** @param {BodyProblem} problem */
  const fail = (problem) => {
    if (done) return;
    stop();
    onProblem(problem);
  };
  // Whichever comes first: the Worker's limit (it answers) or ours (we do).
  const workerAnswers = forwardBytes <= limits.maxBytes + 1;
  const cap = workerAnswers ? forwardBytes : limits.maxBytes + 1;
  const transform = new Transform({
    transform(chunk, _encoding, callback) {
      if (released) return callback(null, chunk);
      if (done) return callback();
      const room = cap - bytes;
      bytes += chunk.length;
      if (chunk.length < room) {
        armIdle();
        return callback(null, chunk);
      }
      if (!workerAnswers) {
        fail("too-large");
        return callback();
      }
      stop();
      this.push(chunk.subarray(0, room));
      this.push(null);
      onForwarded();
      callback();
    },
    flush(callback) {
      stop();
      callback();
    },
  });
  armIdle();
  const release = () => {
    stop();
    released = true;
  };
  return { transform, stop, release };
}

/**
 * Whether a request carries a signature (Authorization, or a presigned query).
 * @param {string | string[] | undefined} authorization
 * @param {string} path the request target, with its query
 */
export function isSigned(authorization, path) {
  if (authorization !== undefined && authorization !== "") return true;
  const query = path.indexOf("?");
  return query >= 0 && new URLSearchParams(path.slice(query + 1)).has("X-Amz-Algorithm");
}

/**
 * Reads and drops what is left of a body nobody wants.
 * @param {import("node:stream").Readable} body
 */
export function discard(body) {
  body.unpipe();
  body.resume();
}

/** How long a connection answered before its body was all read stays open. */
const CLOSE_GRACE_MS = 1000;

/**
 * Closes an HTTP/1.1 connection whose body is not wanted, a moment after its
 * answer has gone out; call it before the answer's head is written. Closing
 * at once (as Node does when the client asked for `Connection: close`) would
 * reset the connection while the client still sends, and a client that had
 * not read the answer yet would lose it; meanwhile what it sends is dropped.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function closeSoon(req, res) {
  discard(req);
  res.shouldKeepAlive = true;
  res.once("finish", () => setTimeout(() => req.socket.destroy(), CLOSE_GRACE_MS).unref());
}

/**
 * Whether a request is signed for S3 (Authorization or presigned query), whose
 * errors are XML; every other service of the Worker answers AWS JSON.
 * @param {string | undefined} authorization
 * @param {string} path the request target, with its query
 */
export function claimsS3(authorization, path) {
  if (authorization !== undefined) return /Credential=[^/,\s]*\/[^/]*\/[^/]*\/s3\//.test(authorization);
  const query = path.indexOf("?");
  if (query < 0) return false;
  const credential = new URLSearchParams(path.slice(query + 1)).get("X-Amz-Credential") ?? "";
  return credential.split("/")[3] === "s3";
}

/**
 * The answer AWS gives for a body problem: S3's XML errors (both 400), or for
 * the JSON services 413 and 408 with AWS JSON error bodies (the SDKs retry a
 * RequestTimeoutException).
 * @param {BodyProblem} problem
 * @param {boolean} s3
 * @returns {{ status: number, headers: Record<string, string | number>, body: string }}
 */
export function problemAnswer(problem, s3) {
  const body = s3
    ? problem === "too-large"
      ? s3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
      : s3Error(
          "RequestTimeout",
          "Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.",
        )
    : JSON.stringify(
        problem === "too-large"
          ? { __type: "RequestEntityTooLargeException" }
          : { __type: "RequestTimeoutException", message: "The request body did not arrive in time." },
      );
  const status = s3 ? 400 : problem === "too-large" ? 413 : 408;
  const type = s3 ? "application/xml" : "application/x-amz-json-1.1";
  return { status, headers: { "content-type": type, "content-length": Buffer.byteLength(body) }, body };
}

/**
 * @param {string} code
 * @param {string} message
 */
function s3Error(code, message) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}
