import http from "node:http";
import http2 from "node:http2";
import net from "node:net";

// One TCP port, two protocols. The AWS SDK for JavaScript v3 speaks HTTP/2
// with prior knowledge (h2c) to `http://` endpoints, other clients (curl,
// the CLI, older SDKs) speak HTTP/1.1, and `wrangler dev` understands only
// the latter. An h2c connection announces itself with a fixed 24-byte
// preface before anything else, so the first bytes of a connection decide
// which server gets the socket; the bytes read are pushed back (unshift)
// before the socket is handed over, so that server sees the connection from
// its first byte.

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

/** A connection that sends nothing at all is dropped after this long. */
const FIRST_BYTES_TIMEOUT_MS = 60_000;

/**
 * @typedef {object} FrontHandlers
 * @property {(req: http.IncomingMessage, res: http.ServerResponse) => void} onHttp1
 * @property {(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void} onHttp2
 */

/**
 * @param {FrontHandlers} handlers
 */
export function createFront({ onHttp1, onHttp2 }) {
  const h1 = http.createServer(
    {
      // Longer than Node's 5 s default so SDK connection pools rarely race a
      // server-side close; Node clients also honour the Keep-Alive hint.
      keepAliveTimeout: 30_000,
      // A slow upload is the client's business; an event stream may last
      // minutes. Header reception keeps its own (default) timeout.
      requestTimeout: 0,
    },
    onHttp1,
  );

  const h2 = http2.createServer({
    // Bigger flow-control windows than the 64 KiB default: PutRecords
    // bodies reach 5 MiB, and a small window costs a round trip per 64 KiB.
    settings: { initialWindowSize: 1 << 20 },
    // Many concurrent streams per session, each possibly holding a window's
    // worth of data; the 10 MB default would trip ENHANCE_YOUR_CALM.
    maxSessionMemory: 128,
  });
  h2.on("session", (session) => {
    session.on("error", () => {}); // a broken connection ends the session; nothing to report
    session.once("connect", () => {
      try {
        session.setLocalWindowSize(16 << 20);
      } catch {
        // the session may already be gone
      }
    });
  });
  h2.on("stream", (stream, headers) => onHttp2(stream, headers));

  /** @type {Set<net.Socket>} */
  const sockets = new Set();
  /** @type {Set<http2.ServerHttp2Session>} */
  const sessions = new Set();
  h2.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });

  const tcp = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    sniff(socket, h1, h2);
  });

  return {
    /**
     * @param {number} port
     * @param {string} host
     * @returns {Promise<number>} the bound port
     */
    listen(port, host) {
      return new Promise((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen({ port, host }, () => {
          tcp.off("error", reject);
          const address = tcp.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    /** Stop accepting and drop every open connection. */
    close() {
      return new Promise((resolve) => {
        tcp.close(() => resolve(undefined));
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        h1.close();
        h2.close();
      });
    },
  };
}

/**
 * Read until the bytes either are the HTTP/2 preface or cannot be, then give
 * the socket, with those bytes pushed back, to the matching server.
 * @param {net.Socket} socket
 * @param {http.Server} h1
 * @param {http2.Http2Server} h2
 */
function sniff(socket, h1, h2) {
  /** @type {Buffer} */
  let seen = Buffer.alloc(0);

  const cleanup = () => {
    socket.off("data", onData);
    socket.off("error", onError);
    socket.off("end", onEnd);
    socket.off("timeout", onTimeout);
    socket.setTimeout(0);
  };
  const onError = () => socket.destroy();
  const onEnd = () => socket.destroy();
  const onTimeout = () => socket.destroy();

  /** @param {Buffer} chunk */
  function onData(chunk) {
    seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
    const n = Math.min(seen.length, PREFACE.length);
    const isH2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
    if (isH2 && seen.length < PREFACE.length) return; // could still be either: read on

    cleanup();
    socket.pause();
    socket.unshift(seen);
    if (isH2) {
      // Http2Session drains data already buffered on the socket itself.
      h2.emit("connection", socket);
    } else {
      h1.emit("connection", socket);
      // The HTTP/1 server reads the socket handle directly and would never
      // look at the pushed-back bytes; resuming replays them through the
      // stream on the next tick, before any later bytes can arrive.
      socket.resume();
    }
  }

  socket.on("data", onData);
  socket.on("error", onError);
  socket.on("end", onEnd);
  socket.on("timeout", onTimeout);
  socket.setTimeout(FIRST_BYTES_TIMEOUT_MS);
}
