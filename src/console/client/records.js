// Record data in the browser: base64 from the wire to bytes, and bytes shown as JSON, text or hex.
// Everything here returns strings; the page puts them in with textContent only.

/**
 * @param {string} base64
 * @returns {Uint8Array}
 */
export function bytesOf(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The base64 of a text's UTF-8 bytes, as a blob travels in AWS JSON.
 * @param {string} text
 * @returns {string}
 */
export function base64OfText(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * @param {Uint8Array} bytes
 * @returns {string} UTF-8 text; bytes that are not UTF-8 show as U+FFFD
 */
function asText(bytes) {
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * @param {Uint8Array} bytes
 * @returns {string | undefined} pretty-printed JSON, or undefined when the data is not JSON
 */
function asJson(bytes) {
  try {
    return JSON.stringify(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)), null, 2);
  } catch {
    return undefined;
  }
}

/**
 * A hex dump: offset, 16 bytes in hex, and those bytes as ASCII (a dot for anything else).
 * @param {Uint8Array} bytes
 * @returns {string}
 */
function asHex(bytes) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (byte) => byte.toString(16).padStart(2, "0")).join(" ");
    const ascii = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".")).join("");
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${hex.padEnd(47, " ")}  ${ascii}`);
  }
  return lines.join("\n");
}

/**
 * @param {Uint8Array} bytes
 * @param {"json" | "text" | "hex"} format
 * @returns {{ text: string, note?: string }}
 */
export function shown(bytes, format) {
  if (format === "hex") return { text: asHex(bytes) };
  if (format === "json") {
    const json = asJson(bytes);
    if (json !== undefined) return { text: json };
    return { text: asText(bytes), note: "not JSON: shown as text" };
  }
  return { text: asText(bytes) };
}
