import http from "node:http";
import http2 from "node:http2";
import { pipeline } from "node:stream";
import { claimsS3, closeSoon, DEFAULT_BODY_LIMITS, discard, forwardLimit, guardBody, isSigned, problemAnswer } from "./body-guard.mjs";
import {
  downstreamHeadersForHttp1,
  downstreamHeadersForHttp2,
  isOpenEnded,
  upstreamHeadersFromHttp1,
  upstreamHeadersFromHttp2,
} from "./headers.mjs";

// Forwards each client request, HTTP/1.1 or HTTP/2, to the Worker over
// HTTP/1.1 and streams the answer back. Nothing is buffered in either
// direction: request bodies are piped as they arrive, and every response
// chunk is written as soon as it is read, because SubscribeToShard answers
// with an event stream that stays open for minutes.
//
// The upstream is the Worker's own socket in workerd (see miniflare.mjs).
// While the Worker is rebuilt and workerd restarted (a source change), new
// requests wait, and the restart waits for the requests in flight (see
// pause()), so that none is cut off half-way.
//
// The parts, each below: the keep-alive agent, the upstream target,
// waiting for the Worker to be ready, sending one request upstream, and one
// handler per client protocol.

/**
 * @typedef {object} ForwarderOptions
 * @property {Promise<void>} ready requests wait for this before going upstream
 * @property {() => string} fallbackHost Host to send when a client sent none
 * @property {import("./body-guard.mjs").BodyLimits} [bodyLimits] default DEFAULT_BODY_LIMITS
 */

/** @typedef {{ host: string, port: number }} Target */

/**
 * @typedef {object} UpstreamCallbacks
 * @property {(res: http.IncomingMessage) => void} onResponse
 * @property {(error: Error) => void} onError
 */

/**
 * @typedef {(method: string, path: string, headers: string[], body: import("node:stream").Readable | null, callbacks: UpstreamCallbacks) => { abort(): void }} SendUpstream
 * @typedef {(fn: (error?: Error) => void) => void} WhenReady
 * @typedef {{ whenReady: WhenReady, sendUpstream: SendUpstream, fallbackHost: () => string, bodyLimits: import("./body-guard.mjs").BodyLimits }} HandlerParts
 */

/**
 * @param {ForwarderOptions} options
 */
export function createForwarder({ ready, fallbackHost, bodyLimits = DEFAULT_BODY_LIMITS }) {
  const agent = keepAliveAgent();
  const target = upstreamTarget();
  const parts = { whenReady: readiness(ready), sendUpstream: upstreamSender(agent, target), fallbackHost, bodyLimits };
  return {
    handleHttp1: http1Handler(parts),
    handleHttp2: http2Handler(parts),
    setUpstream: target.set,
    pause: target.pause,
    resume: target.resume,
    /** Close pooled upstream connections. */
    close() {
      agent.destroy();
    },
  };
}

/**
 * Keep-alive to the Worker saves a TCP handshake per request, which is most
 * of the overhead for small Kinesis calls. workerd closes idle connections
 * after about 15 s; dropping ours after 4 s avoids reusing a socket the
 * instant the other side closes it. LIFO reuse keeps the pool small and warm.
 */
function keepAliveAgent() {
  return new http.Agent({
    keepAlive: true,
    keepAliveMsecs: 1000,
    timeout: 4000,
    maxFreeSockets: 256,
    scheduling: "lifo",
    noDelay: true,
  });
}

/** How long a restart waits for requests in flight: an event stream may never finish. */
const PAUSE_TIMEOUT_MS = 2000;

/**
 * The Worker's address, the requests in flight to it, and the pause a
 * restart of the Worker makes.
 */
function upstreamTarget() {
  /** @type {Target} */
  let current = { host: "127.0.0.1", port: 0 };
  let inFlight = 0;
  /** @type {(() => void)[]} */
  const drainWaiters = [];
  /** @type {Promise<void> | undefined} */
  let paused;
  let resumePaused = () => {};

  return {
    current: () => current,
    /** Resolves when requests may go upstream (at once unless a restart is under way). */
    whenOpen: () => paused,
    /**
     * Counts a request while it is in flight.
     * @param {http.ClientRequest} request
     */
    track(request) {
      inFlight++;
      // 'close' comes once the response has been read to the end, or the
      // request failed or was aborted.
      request.once("close", () => {
        inFlight--;
        if (inFlight === 0) for (const resolve of drainWaiters.splice(0)) resolve();
      });
    },
    /** @param {URL} url */
    set(url) {
      current = { host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port) };
    },
    /**
     * The Worker is about to restart: hold new requests until resume(), and
     * resolve once the requests in flight have finished (or after 2 s).
     * @returns {Promise<void>}
     */
    pause() {
      paused ??= new Promise((resolve) => (resumePaused = resolve));
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, PAUSE_TIMEOUT_MS);
        drainWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    /** The restart is over (or failed): send the held requests on. */
    resume() {
      paused = undefined;
      resumePaused();
    },
  };
}

/**
 * Runs a function once the Worker is up; requests that arrive while it is
 * still starting wait rather than fail.
 * @param {Promise<void>} ready
 * @returns {WhenReady}
 */
function readiness(ready) {
  let isReady = false;
  /** @type {Error | undefined} */
  let notReady;
  ready.then(
    () => (isReady = true),
    (error) => (notReady = error),
  );
  return (fn) => {
    if (isReady) return fn();
    if (notReady) return fn(notReady);
    ready.then(
      () => fn(),
      (error) => fn(error),
    );
  };
}

/**
 * Sends one request upstream, once no restart of the Worker holds it back.
 * @param {http.Agent} agent
 * @param {ReturnType<typeof upstreamTarget>} target
 * @returns {SendUpstream}
 */
function upstreamSender(agent, target) {
  return (method, path, headers, body, { onResponse, onError }) => {
    let aborted = false;
    /** @type {http.ClientRequest | undefined} */
    let current;

    const attempt = () => {
      if (aborted) return;
      const { host, port } = target.current();
      const upReq = http.request({
        host,
        port,
        method,
        path,
        headers,
        agent,
        setHost: false,
        // No idle timeout while a request is active: event streams may be
        // quiet for a long time. (The agent's 4 s applies to idle sockets.)
        timeout: 0,
      });
      current = upReq;
      target.track(upReq);
      if (body) body.pipe(upReq);
      else upReq.end();
      upReq.on("response", onResponse);
      upReq.on("error", (error) => {
        if (!aborted) onError(error);
      });
    };

    const held = target.whenOpen();
    if (held) held.then(attempt);
    else attempt();
    return {
      abort() {
        aborted = true;
        current?.destroy();
      },
    };
  };
}

/**
 * Serves one HTTP/1.x request.
 * @param {HandlerParts} parts
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => void}
 */
function http1Handler({ whenReady, sendUpstream, fallbackHost, bodyLimits }) {
  return (req, res) => {
    const path = req.url ?? "/";
    const s3 = claimsS3(req.headers.authorization, path);
    const declared = Number(req.headers["content-length"] ?? 0);
    // Too large by its own account: answered before anything is read or forwarded.
    if (declared > bodyLimits.maxBytes) return refuseHttp1(req, res, problemAnswer("too-large", s3));
    const forwardBytes = forwardLimit({ path, signed: isSigned(req.headers.authorization, path), s3 });
    // Node's parser knows: a body is announced by one of these two. One the
    // Worker refuses by its Content-Length alone is not forwarded at all.
    const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
    const forwarded = hasBody && declared < forwardBytes;
    /** @type {{ abort(): void } | undefined} */
    let upstream;
    const guard = forwarded
      ? guardBody(bodyLimits, forwardBytes, {
          onProblem(problem) {
            upstream?.abort();
            refuseHttp1(req, res, problemAnswer(problem, s3));
          },
          // The Worker has what it will read; the rest is not wanted.
          onForwarded: () => discard(req),
        })
      : undefined;
    if (guard) req.pipe(guard.transform);
    else if (hasBody) discard(req);
    req.on("close", () => guard?.stop());
    whenReady((startupError) => {
      if (startupError) return failHttp1(res, startupError);
      if (res.destroyed || res.headersSent) return;
      let upstreamDone = false;
      upstream = sendUpstream(
        /** @type {string} */ (req.method),
        /** @type {string} */ (req.url),
        upstreamHeadersFromHttp1(req.rawHeaders, fallbackHost()),
        guard ? guard.transform : null,
        {
          onResponse(upRes) {
            upRes.on("end", () => (upstreamDone = true));
            if (res.headersSent) return void upRes.destroy();
            // Answered before the body was all sent. Refused early: stop
            // watching it, and close the connection once the answer is out so
            // that the client stops sending. Answered with success: the Worker
            // streams its answer while it reads on (PutMedia's acks), so the
            // body keeps flowing until the answer ends.
            if (!req.complete && isDuplex(upRes)) {
              guard?.duplex();
              upRes.once("end", () => {
                if (!req.complete) closeAfter(req, res);
              });
            } else if (!req.complete) {
              guard?.stop();
              closeSoon(req, res);
            }
            // Its body did not all go upstream: that connection cannot be reused.
            if (!req.complete || (hasBody && !forwarded)) upRes.once("end", () => upstream?.abort());
            res.writeHead(
              /** @type {number} */ (upRes.statusCode),
              upRes.statusMessage,
              downstreamHeadersForHttp1(upRes.rawHeaders),
            );
            // Event streams: the client must see the headers now, not with
            // the first event, which may be a while off.
            if (isOpenEnded(upRes.headers)) res.flushHeaders();
            pipeline(upRes, res, (error) => {
              if (error) {
                upRes.destroy();
                res.destroy();
              }
            });
          },
          onError(error) {
            // The answer is all here; the upstream hop failing now changes nothing.
            if (upstreamDone) return;
            if (res.headersSent) res.destroy();
            else failHttp1(res, error);
            req.resume(); // discard whatever is left of the request body
          },
        },
      );

      // The client went away before the whole response was written: abort
      // the upstream request so the Worker sees the disconnect too (and,
      // for example, stops a SubscribeToShard loop).
      res.on("close", () => {
        if (!upstreamDone && !res.writableFinished) upstream?.abort();
      });
      req.on("error", () => upstream?.abort());
    });
  };
}

/**
 * Whether an answer that came before its request's body was all sent is the
 * Worker streaming while it reads (a success), rather than a refusal.
 * @param {http.IncomingMessage} upRes
 */
function isDuplex(upRes) {
  return (upRes.statusCode ?? 500) < 300;
}

/**
 * A streamed answer ended before its request's body did: the rest of the
 * body is not wanted. Drops it, and closes the connection a moment after the
 * answer is out (closeSoon's reasons; the answer's head is already written).
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function closeAfter(req, res) {
  discard(req);
  const close = () => setTimeout(() => req.socket.destroy(), 1000).unref();
  if (res.writableFinished) close();
  else res.once("finish", close);
}

/**
 * Answers at the front (a body over the limit or too slow) and closes the
 * connection after the answer: the rest of the body is not wanted.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {{ status: number, headers: Record<string, string | number>, body: string }} answer
 */
function refuseHttp1(req, res, answer) {
  discard(req);
  if (res.headersSent || res.destroyed) return void res.destroy();
  closeSoon(req, res);
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/**
 * Serves one HTTP/2 stream.
 * @param {HandlerParts} parts
 * @returns {(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void}
 */
function http2Handler({ whenReady, sendUpstream, fallbackHost, bodyLimits }) {
  return (stream, headers) => {
    // Without an 'error' listener a client's RST_STREAM would crash the
    // process; the 'close' handler below does the cleanup.
    stream.on("error", () => {});
    const authorization = headers.authorization;
    const target = String(headers[":path"] ?? "/");
    const s3 = claimsS3(Array.isArray(authorization) ? authorization[0] : authorization, target);
    const declared = Number(headers["content-length"] ?? 0);
    if (declared > bodyLimits.maxBytes) return refuseHttp2(stream, problemAnswer("too-large", s3));
    const forwardBytes = forwardLimit({ path: target, signed: isSigned(authorization, target), s3 });
    const hasBody = !stream.endAfterHeaders;
    const forwarded = hasBody && declared < forwardBytes;
    /** @type {{ abort(): void } | undefined} */
    let upstream;
    const guard = forwarded
      ? guardBody(bodyLimits, forwardBytes, {
          onProblem(problem) {
            upstream?.abort();
            refuseHttp2(stream, problemAnswer(problem, s3));
          },
          onForwarded: () => discard(stream),
        })
      : undefined;
    if (guard) stream.pipe(guard.transform);
    else if (hasBody) discard(stream);
    stream.on("close", () => guard?.stop());
    whenReady((startupError) => {
      if (startupError) return failHttp2(stream, startupError);
      if (stream.destroyed || stream.headersSent) return;
      const method = headers[":method"];
      const path = headers[":path"];
      if (!method || !path || method === "CONNECT") {
        stream.respond({ ":status": 400 }, { endStream: true });
        return;
      }
      let upstreamDone = false;
      upstream = sendUpstream(
        method,
        path,
        upstreamHeadersFromHttp2(headers, hasBody, fallbackHost()),
        guard ? guard.transform : null,
        {
          onResponse(upRes) {
            upRes.on("end", () => (upstreamDone = true));
            if (stream.destroyed || stream.closed || stream.headersSent) {
              upRes.destroy();
              return;
            }
            // Answered before the body was all sent: stop watching it (or,
            // answered with success, let it flow on: see the HTTP/1.1
            // handler), and once the answer is out tell the client to stop sending.
            if (!stream.readableEnded) {
              if (isDuplex(upRes)) guard?.duplex();
              else guard?.stop();
              upRes.once("end", () => stream.once("finish", () => stopSending(stream)));
            }
            if (hasBody && !forwarded) upRes.once("end", () => upstream?.abort());
            try {
              stream.respond(downstreamHeadersForHttp2(/** @type {number} */ (upRes.statusCode), upRes.headers));
            } catch {
              // The stream closed between the check above and now, or the
              // Worker sent a header HTTP/2 cannot carry: give up on it.
              upRes.destroy();
              if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
              return;
            }
            pipeline(upRes, stream, (error) => {
              if (error) {
                upRes.destroy();
                if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
              }
            });
          },
          onError(error) {
            if (upstreamDone) return;
            if (stream.headersSent) {
              if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
            } else {
              failHttp2(stream, error);
            }
            stream.resume();
          },
        },
      );

      stream.on("close", () => {
        if (!upstreamDone) upstream?.abort();
      });
    });
  };
}

/**
 * Answers at the front (a body over the limit or too slow), then tells the
 * client to stop sending the rest (RST_STREAM NO_ERROR, RFC 9113 8.1).
 * @param {http2.ServerHttp2Stream} stream
 * @param {{ status: number, headers: Record<string, string | number>, body: string }} answer
 */
function refuseHttp2(stream, answer) {
  discard(stream);
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) return void stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  stream.respond({ ":status": answer.status, ...answer.headers });
  stream.end(answer.body, () => stopSending(stream));
}

/** @param {http2.ServerHttp2Stream} stream */
function stopSending(stream) {
  if (!stream.destroyed && !stream.closed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
}

/**
 * The error body a Kinesis client understands: the AWS JSON protocol error
 * shape, so SDKs surface an InternalFailure (and retry it) instead of a
 * parse error or a hang.
 * @param {Error} error
 */
function failureBody(error) {
  const reason = /** @type {NodeJS.ErrnoException} */ (error).code ?? error.message;
  return JSON.stringify({
    __type: "InternalFailure",
    message: `Rivulet local server: the request to the Worker failed: ${reason}`,
  });
}

const FAILURE_HEADERS = {
  "content-type": "application/x-amz-json-1.1",
  "x-amzn-errortype": "InternalFailure",
};

/**
 * @param {http.ServerResponse} res
 * @param {Error} error
 */
function failHttp1(res, error) {
  if (res.destroyed || res.headersSent) return;
  const body = failureBody(error);
  res.writeHead(502, { ...FAILURE_HEADERS, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * @param {http2.ServerHttp2Stream} stream
 * @param {Error} error
 */
function failHttp2(stream, error) {
  if (stream.destroyed || stream.headersSent) return;
  const body = failureBody(error);
  stream.respond({ ":status": 502, ...FAILURE_HEADERS, "content-length": Buffer.byteLength(body) });
  stream.end(body);
}
