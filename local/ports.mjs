import net from "node:net";

/**
 * A TCP port that is free on `host` right now. The OS picks it; there is a
 * short window before the caller binds it, which is acceptable for a
 * loopback-only internal port.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function findFreePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `http://host:port`, with IPv6 literals bracketed.
 * @param {string} host
 * @param {number} port
 */
export function httpUrl(host, port) {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
