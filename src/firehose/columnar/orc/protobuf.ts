/**
 * The little of Protocol Buffers' wire format ORC's metadata needs
 * (https://protobuf.dev/programming-guides/encoding/): varints, length-delimited fields, packed
 * repeated varints. Messages are built as lists of fields and encoded at once.
 */
import { concatBytes } from "../../../bytes";

export type Field =
  | { number: number; varint: number | bigint }
  | { number: number; bytes: Uint8Array }
  | { number: number; packed: readonly number[] };

export function varint(value: number | bigint): Uint8Array {
  let remaining = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(remaining & 0x7fn);
    remaining >>= 7n;
    out.push(remaining === 0n ? byte : byte | 0x80);
  } while (remaining !== 0n);
  return Uint8Array.from(out);
}

export function message(fields: readonly (Field | undefined)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const field of fields) {
    if (!field) continue;
    if ("varint" in field) parts.push(varint(field.number << 3), varint(field.varint));
    else if ("bytes" in field) parts.push(varint((field.number << 3) | 2), varint(field.bytes.length), field.bytes);
    else {
      const body = concatBytes(field.packed.map((value) => varint(value)));
      parts.push(varint((field.number << 3) | 2), varint(body.length), body);
    }
  }
  return concatBytes(parts);
}

export const text = (value: string) => new TextEncoder().encode(value);
