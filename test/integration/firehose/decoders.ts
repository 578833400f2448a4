/**
 * Readers of what delivery writes, written from the formats' specifications (not from the writers),
 * so the tests check the objects as other tools would read them: Snappy blocks, the Snappy framing
 * format with its checksums, Hadoop's Snappy stream, and ZIP archives.
 */
import { crc32, crc32c } from "../../../src/firehose/checksums";

/** A raw Snappy block (format_description.txt). */
export function snappyDecode(input: Uint8Array): Uint8Array {
  let position = 0;
  let length = 0;
  let shift = 0;
  for (;;) {
    const byte = input[position++] as number;
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  const out = new Uint8Array(length);
  let written = 0;
  while (position < input.length) {
    const tag = input[position++] as number;
    const type = tag & 3;
    if (type === 0) {
      let n = tag >>> 2;
      if (n >= 60) {
        const bytes = n - 59;
        n = 0;
        for (let i = 0; i < bytes; i++) n |= (input[position++] as number) << (8 * i);
      }
      n += 1;
      out.set(input.subarray(position, position + n), written);
      position += n;
      written += n;
      continue;
    }
    let n: number;
    let offset: number;
    if (type === 1) {
      n = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | (input[position++] as number);
    } else if (type === 2) {
      n = (tag >>> 2) + 1;
      offset = (input[position] as number) | ((input[position + 1] as number) << 8);
      position += 2;
    } else {
      n = (tag >>> 2) + 1;
      offset = new DataView(input.buffer, input.byteOffset + position, 4).getUint32(0, true);
      position += 4;
    }
    if (offset === 0 || offset > written) throw new Error(`bad copy offset ${offset} at ${written}`);
    for (let i = 0; i < n; i++) out[written + i] = out[written - offset + i] as number;
    written += n;
  }
  if (written !== length) throw new Error(`snappy: ${written} bytes, expected ${length}`);
  return out;
}

const unmask = (masked: number) => {
  const rotated = (masked - 0xa282ead8) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
};

/** The Snappy framing format (framing_format.txt), checking the stream identifier and every CRC. */
export function snappyFramedDecode(input: Uint8Array): Uint8Array {
  const identifier = [0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59];
  if (!identifier.every((byte, i) => input[i] === byte)) throw new Error("no stream identifier");
  const parts: Uint8Array[] = [];
  let position = identifier.length;
  while (position < input.length) {
    const type = input[position] as number;
    const length = (input[position + 1] as number) | ((input[position + 2] as number) << 8) | ((input[position + 3] as number) << 16);
    const body = input.subarray(position + 4, position + 4 + length);
    position += 4 + length;
    if (type !== 0 && type !== 1) throw new Error(`unexpected chunk type ${type}`);
    const crc = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
    const data = type === 0 ? snappyDecode(body.subarray(4)) : body.subarray(4);
    if (crc32c(data) !== unmask(crc)) throw new Error("bad chunk checksum");
    parts.push(data);
  }
  return join(parts);
}

/** Hadoop's SnappyCodec stream: [uncompressed length][compressed length][block]... big-endian. */
export function hadoopSnappyDecode(input: Uint8Array): Uint8Array {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const parts: Uint8Array[] = [];
  let position = 0;
  while (position < input.length) {
    const expected = view.getUint32(position);
    let got = 0;
    position += 4;
    while (got < expected) {
      const length = view.getUint32(position);
      const block = snappyDecode(input.subarray(position + 4, position + 4 + length));
      position += 4 + length;
      got += block.length;
      parts.push(block);
    }
  }
  return join(parts);
}

/** The entries of a ZIP archive, read through its central directory. */
export async function unzip(input: Uint8Array): Promise<{ name: string; data: Uint8Array }[]> {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const end = input.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error("no end of central directory");
  const count = view.getUint16(end + 10, true);
  let position = view.getUint32(end + 16, true);
  const entries: { name: string; data: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(position, true) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = view.getUint16(position + 10, true);
    const crc = view.getUint32(position + 16, true);
    const compressedSize = view.getUint32(position + 20, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const local = view.getUint32(position + 42, true);
    const name = new TextDecoder().decode(input.subarray(position + 46, position + 46 + nameLength));
    const localNameLength = view.getUint16(local + 26, true);
    const localExtraLength = view.getUint16(local + 28, true);
    const start = local + 30 + localNameLength + localExtraLength;
    const compressed = input.subarray(start, start + compressedSize);
    const data = method === 0 ? compressed : await inflateRaw(compressed);
    if (crc32(data) !== crc) throw new Error(`bad CRC for ${name}`);
    entries.push({ name, data });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
