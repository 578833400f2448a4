// Just enough Matroska for a producer: read a file's Info, Tracks and Clusters (keeping each block's bytes as
// they are), and write them in the layout AWS's producer SDK sends to PutMedia (PIC's MkvGenerator): an EBML
// header, a Segment of unknown size, Info and Tracks, then one Cluster of unknown size per fragment, each with
// an 8-byte Timecode and a Position of 0 before its blocks. Re-timing a video only changes the Clusters'
// Timecodes: blocks carry times relative to their Cluster.
//
// Standalone on purpose (no build step, no dependency): it is what a user runs on a fresh machine, and it
// speaks the wire format from the outside, as a camera's SDK would.

const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Tracks: 0x1654ae6b,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
};

/** Elements that end a Cluster of unknown size: the Segment's other children. */
const SEGMENT_CHILDREN = new Set([0x114d9b74, ID.Info, ID.Tracks, ID.Cluster, 0x1c53bb6b, 0x1254c367, 0x1043a770, 0x1941a469]);

function vintLength(first) {
  for (let length = 1; length <= 8; length++) if (first & (0x100 >> length)) return length;
  throw new Error("not an EBML variable-length integer");
}

/** An element header at `offset`: id, size (undefined when unknown) and where its body starts. */
function header(bytes, offset) {
  const idLength = vintLength(bytes[offset]);
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + bytes[offset + i];
  const sizeAt = offset + idLength;
  const sizeLength = vintLength(bytes[sizeAt]);
  let size = bytes[sizeAt] & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    size = size * 256 + bytes[sizeAt + i];
    allOnes &&= bytes[sizeAt + i] === 0xff;
  }
  return { id, size: allOnes ? undefined : size, body: sizeAt + sizeLength };
}

function readUint(bytes, start, end) {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + bytes[i];
  return value;
}

/** A block's presentation time relative to its Cluster (the int16 after the track number). */
function blockTime(bytes, bodyStart) {
  const trackLength = vintLength(bytes[bodyStart]);
  const view = new DataView(bytes.buffer, bytes.byteOffset + bodyStart + trackLength, 2);
  return view.getInt16(0);
}

/**
 * The parts of a Matroska file a producer sends: its Info and Tracks elements (as they are), its
 * TimecodeScale (ns per unit) and its Clusters: timecode, the blocks' bytes, and how far their frames reach.
 */
export function readMatroska(bytes) {
  let offset = 0;
  const first = header(bytes, 0);
  if (first.id !== ID.EBML) throw new Error("not a Matroska file (no EBML header)");
  offset = first.body + (first.size ?? 0);
  const segment = header(bytes, offset);
  if (segment.id !== ID.Segment) throw new Error("no Segment after the EBML header");
  const end = segment.size === undefined ? bytes.length : Math.min(bytes.length, segment.body + segment.size);
  const result = { info: undefined, tracks: undefined, timecodeScale: 1_000_000, clusters: [] };
  offset = segment.body;
  while (offset < end) {
    const element = header(bytes, offset);
    if (element.id === ID.Cluster) {
      offset = readCluster(bytes, element, end, result.clusters);
      continue;
    }
    if (element.size === undefined) throw new Error(`element 0x${element.id.toString(16)} of unknown size`);
    const elementEnd = element.body + element.size;
    if (element.id === ID.Info) {
      result.info = bytes.subarray(offset, elementEnd);
      for (let child = element.body; child < elementEnd; ) {
        const h = header(bytes, child);
        if (h.id === ID.TimecodeScale) result.timecodeScale = readUint(bytes, h.body, h.body + h.size);
        child = h.body + h.size;
      }
    } else if (element.id === ID.Tracks) {
      result.tracks = bytes.subarray(offset, elementEnd);
    }
    offset = elementEnd;
  }
  if (!result.info || !result.tracks || result.clusters.length === 0) throw new Error("the file has no Info, Tracks or Clusters");
  return result;
}

function readCluster(bytes, cluster, segmentEnd, clusters) {
  const end = cluster.size === undefined ? segmentEnd : cluster.body + cluster.size;
  const found = { timecode: 0, blocks: [], lastTime: 0 };
  let offset = cluster.body;
  while (offset < end) {
    const element = header(bytes, offset);
    if (cluster.size === undefined && SEGMENT_CHILDREN.has(element.id)) break;
    const elementEnd = element.body + (element.size ?? 0);
    if (element.id === ID.Timecode) found.timecode = readUint(bytes, element.body, elementEnd);
    else if (element.id === ID.SimpleBlock || element.id === ID.BlockGroup) {
      found.blocks.push(bytes.subarray(offset, elementEnd));
      let blockBody = element.body;
      if (element.id === ID.BlockGroup) {
        for (let child = element.body; child < elementEnd; ) {
          const h = header(bytes, child);
          if (h.id === ID.Block) blockBody = h.body;
          child = h.body + (h.size ?? 0);
        }
      }
      found.lastTime = Math.max(found.lastTime, blockTime(bytes, blockBody));
    }
    offset = elementEnd;
  }
  clusters.push(found);
  return offset;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const UNKNOWN_SIZE = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

/** The start of a PutMedia body: EBML header (DocType matroska), a Segment of unknown size, Info, Tracks. */
export function streamStart(file) {
  const docType = new TextEncoder().encode("matroska");
  const ebml = Uint8Array.from([
    ...[0x42, 0x86, 0x81, 1], // EBMLVersion
    ...[0x42, 0xf7, 0x81, 1], // EBMLReadVersion
    ...[0x42, 0xf2, 0x81, 4], // EBMLMaxIDLength
    ...[0x42, 0xf3, 0x81, 8], // EBMLMaxSizeLength
    ...[0x42, 0x82, 0x80 | docType.length, ...docType],
    ...[0x42, 0x87, 0x81, 2], // DocTypeVersion
    ...[0x42, 0x85, 0x81, 2], // DocTypeReadVersion
  ]);
  return concat([Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | ebml.length]), ebml, Uint8Array.from([0x18, 0x53, 0x80, 0x67, ...UNKNOWN_SIZE]), file.info, file.tracks]);
}

/** An element with an 8-byte size, as the producer SDK writes them. */
function sized(idBytes, body) {
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(body.length));
  size[0] = 0x01;
  return concat([Uint8Array.from(idBytes), size, body]);
}

/**
 * The fragment metadata a producer puts before a fragment (the SDK's putKinesisVideoFragmentMetadata and
 * putKinesisVideoEventMetadata): one Tags element, one Tag, a SimpleTag per [name, value] (TagName, TagString).
 */
export function tagsBytes(tags) {
  const encoder = new TextEncoder();
  const simpleTags = tags.map(([name, value]) =>
    sized([0x67, 0xc8], concat([sized([0x45, 0xa3], encoder.encode(name)), sized([0x44, 0x87], encoder.encode(value))])),
  );
  return sized([0x12, 0x54, 0xc3, 0x67], sized([0x73, 0x73], concat(simpleTags)));
}

/** One fragment of a PutMedia body: a Cluster of unknown size at `timecode`, holding the cluster's blocks. */
export function fragmentBytes(cluster, timecode) {
  const time = new Uint8Array(8);
  new DataView(time.buffer).setBigUint64(0, BigInt(timecode));
  return concat([Uint8Array.from([0x1f, 0x43, 0xb6, 0x75, ...UNKNOWN_SIZE, ID.Timecode, 0x88]), time, Uint8Array.from([0xa7, 0x81, 0x00]), ...cluster.blocks]);
}

/** How long one pass of the file lasts, in its timecode units: from its first Cluster to its last frame and one frame more. */
export function loopLength(file) {
  const clusters = file.clusters;
  const first = clusters[0].timecode;
  const last = clusters[clusters.length - 1];
  const frames = clusters.reduce((sum, cluster) => sum + cluster.blocks.length, 0);
  const span = last.timecode + last.lastTime - first;
  return Math.round(span + span / Math.max(1, frames - 1));
}
