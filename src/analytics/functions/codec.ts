/**
 * Typed arrays as base64 strings, so a model's snapshot is plain JSON (a Durable Object stores it
 * in SQLite next to its input checkpoint) yet costs little more than its raw bytes.
 * Little-endian throughout, as every platform Workers runs on is.
 */
export function encodeArray(array: Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Uint8Array): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function decodeBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function decodeFloat64(text: string): Float64Array {
  const bytes = decodeBytes(text);
  return new Float64Array(bytes.buffer, 0, bytes.length / 8);
}

export function decodeFloat32(text: string): Float32Array {
  const bytes = decodeBytes(text);
  return new Float32Array(bytes.buffer, 0, bytes.length / 4);
}

export function decodeInt32(text: string): Int32Array {
  const bytes = decodeBytes(text);
  return new Int32Array(bytes.buffer, 0, bytes.length / 4);
}

export function decodeUint32(text: string): Uint32Array {
  const bytes = decodeBytes(text);
  return new Uint32Array(bytes.buffer, 0, bytes.length / 4);
}

export function decodeInt16(text: string): Int16Array {
  const bytes = decodeBytes(text);
  return new Int16Array(bytes.buffer, 0, bytes.length / 2);
}

export function decodeUint16(text: string): Uint16Array {
  const bytes = decodeBytes(text);
  return new Uint16Array(bytes.buffer, 0, bytes.length / 2);
}

export function decodeUint8(text: string): Uint8Array {
  return decodeBytes(text);
}
