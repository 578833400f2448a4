/**
 * What CompressionFormat does to a delivered object: its bytes, its file extension, and its
 * content type. Objects carry no Content-Encoding: like Firehose's, a `.gz` object is a gzip file
 * to be read as one, not a body for HTTP clients to unpack on the way.
 */
import { concatBytes } from "../bytes";
import { crc32 } from "./checksums";
import type { CompressionFormat } from "./s3-configuration";
import { hadoopSnappy, snappyFramed } from "./snappy";

export const EXTENSIONS: Readonly<Record<CompressionFormat, string>> = {
  UNCOMPRESSED: "",
  GZIP: ".gz",
  ZIP: ".zip",
  Snappy: ".snappy",
  HADOOP_SNAPPY: ".snappy",
};

export const CONTENT_TYPES: Readonly<Record<CompressionFormat, string>> = {
  UNCOMPRESSED: "application/octet-stream",
  GZIP: "application/gzip",
  ZIP: "application/zip",
  Snappy: "application/x-snappy-framed",
  HADOOP_SNAPPY: "application/octet-stream",
};

async function through(data: Uint8Array, format: "gzip" | "deflate-raw"): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `entryName` names the file inside a ZIP archive. */
export async function compress(format: CompressionFormat, data: Uint8Array, entryName: string): Promise<Uint8Array> {
  switch (format) {
    case "UNCOMPRESSED":
      return data;
    case "GZIP":
      return through(data, "gzip");
    case "ZIP":
      return zip(entryName, data, await through(data, "deflate-raw"));
    case "Snappy":
      return snappyFramed(data);
    case "HADOOP_SNAPPY":
      return hadoopSnappy(data);
  }
}

/** A ZIP archive of one deflated entry (PKWARE APPNOTE 4.3: local header, data, central directory, end record). */
function zip(name: string, data: Uint8Array, deflated: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const crc = crc32(data);
  // ZIP64 is not needed: objects stay far below 4 GiB (FIREHOSE.maxFlushBytes).
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true); // version needed: 2.0 (deflate)
  local.setUint16(6, 0x0800, true); // UTF-8 names
  local.setUint16(8, 8, true); // deflate
  local.setUint16(10, 0, true);
  local.setUint16(12, 0x21, true); // 1980-01-01
  local.setUint32(14, crc, true);
  local.setUint32(18, deflated.length, true);
  local.setUint32(22, data.length, true);
  local.setUint16(26, nameBytes.length, true);
  local.setUint16(28, 0, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true);
  central.setUint16(6, 20, true);
  central.setUint16(8, 0x0800, true);
  central.setUint16(10, 8, true);
  central.setUint16(12, 0, true);
  central.setUint16(14, 0x21, true);
  central.setUint32(16, crc, true);
  central.setUint32(20, deflated.length, true);
  central.setUint32(24, data.length, true);
  central.setUint16(28, nameBytes.length, true);
  central.setUint32(42, 0, true); // offset of the local header
  const centralOffset = 30 + nameBytes.length + deflated.length;
  const centralSize = 46 + nameBytes.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, centralOffset, true);
  return concatBytes([new Uint8Array(local.buffer), nameBytes, deflated, new Uint8Array(central.buffer), nameBytes, new Uint8Array(end.buffer)]);
}
