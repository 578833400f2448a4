/**
 * The size of a record as Kinesis counts it: its data blob plus its partition key, in bytes. AWS's
 * model says the data blob "is added to the partition key size" for the record size limit, and the
 * shard limits (1 MiB/s in, 2 MiB/s out) count partition keys too; a key's size is its UTF-8 bytes,
 * the form it travels and is hashed in, so "€" counts 3, not the 1 of its JavaScript length.
 * Every limit and metric that sizes records counts with this one function.
 */

/** UTF-8 bytes of `text`, counted without encoding it: this runs for every record put and read. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one character outside the BMP: four bytes for both units.
      bytes += 4;
      i += 1;
    } else bytes += 3; // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

export function recordSize(partitionKey: string, data: Uint8Array | ArrayBuffer): number {
  return data.byteLength + utf8Length(partitionKey);
}
