/**
 * A small MP4 reader for the tests: boxes, the sample entries of an init segment, the samples of media segments
 * (moof + mdat) and of whole files (sample tables and edit lists), with presentation times computed the way the
 * ISO BMFF specification defines them (CT = DT + composition offset, signed in version 1).
 */

export interface Box {
  type: string;
  /** Offset of the box in the buffer it was read from. */
  start: number;
  body: Uint8Array;
  children: Box[];
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "mvex", "moof", "traf", "edts", "dinf"]);

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function readBoxes(bytes: Uint8Array, base = 0): Box[] {
  const boxes: Box[] = [];
  let offset = 0;
  const data = view(bytes);
  while (offset + 8 <= bytes.length) {
    let size = data.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    let header = 8;
    if (size === 1) {
      size = Number(data.getBigUint64(offset + 8));
      header = 16;
    }
    if (size < header || offset + size > bytes.length) throw new Error(`box ${type} at ${offset} has size ${size}`);
    const body = bytes.subarray(offset + header, offset + size);
    boxes.push({ type, start: base + offset, body, children: CONTAINERS.has(type) ? readBoxes(body, base + offset + header) : [] });
    offset += size;
  }
  if (offset !== bytes.length) throw new Error(`${bytes.length - offset} stray bytes after the last box`);
  return boxes;
}

export function find(boxes: readonly Box[], path: string): Box | undefined {
  const [first, ...rest] = path.split("/");
  const found = boxes.find((each) => each.type === first);
  if (found === undefined || rest.length === 0) return found;
  return find(found.children, rest.join("/"));
}

export function findAll(boxes: readonly Box[], type: string): Box[] {
  return boxes.flatMap((each) => [...(each.type === type ? [each] : []), ...findAll(each.children, type)]);
}

function must(box: Box | undefined, what: string): Box {
  if (box === undefined) throw new Error(`no ${what}`);
  return box;
}

export interface InitTrack {
  id: number;
  handler: string;
  timescale: number;
  entry: string;
  width: number;
  height: number;
  /** avcC / hvcC body, or the esds' DecoderSpecificInfo. */
  config: Uint8Array;
  channels: number;
  sampleRate: number;
}

export function initTracks(boxes: readonly Box[]): InitTrack[] {
  const moov = must(find(boxes, "moov"), "moov");
  return moov.children
    .filter((each) => each.type === "trak")
    .map((trak) => {
      const tkhd = must(find(trak.children, "tkhd"), "tkhd").body;
      const mdhd = must(find(trak.children, "mdia/mdhd"), "mdhd").body;
      const hdlr = must(find(trak.children, "mdia/hdlr"), "hdlr").body;
      const stsd = must(find(trak.children, "mdia/minf/stbl/stsd"), "stsd").body;
      const entries = readBoxes(stsd.subarray(8));
      const entry = must(entries[0], "sample entry");
      const handler = String.fromCharCode(...hdlr.subarray(8, 12));
      const track: InitTrack = {
        id: view(tkhd).getUint32(12),
        handler,
        timescale: view(mdhd).getUint32(12),
        entry: entry.type,
        width: 0,
        height: 0,
        config: new Uint8Array(),
        channels: 0,
        sampleRate: 0,
      };
      if (handler === "vide") {
        track.width = view(entry.body).getUint16(24);
        track.height = view(entry.body).getUint16(26);
        track.config = must(readBoxes(entry.body.subarray(78))[0], "avcC").body;
      } else {
        track.channels = view(entry.body).getUint16(16);
        track.sampleRate = view(entry.body).getUint32(24) / 65536;
        const esds = must(readBoxes(entry.body.subarray(28))[0], "esds").body;
        track.config = decoderSpecificInfo(esds.subarray(4));
      }
      return track;
    });
}

/** Walks the ES descriptor down to tag 5. */
function decoderSpecificInfo(bytes: Uint8Array): Uint8Array {
  let offset = 0;
  while (offset < bytes.length) {
    const tag = bytes[offset++] ?? 0;
    let length = 0;
    for (;;) {
      const byte = bytes[offset++] ?? 0;
      length = length * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    if (tag === 5) return bytes.subarray(offset, offset + length);
    // ES_Descriptor: ES_ID(2) + flags(1); DecoderConfig: 13 fixed bytes; then nested descriptors.
    if (tag === 3) offset += 3;
    else if (tag === 4) offset += 13;
    else offset += length;
  }
  throw new Error("no DecoderSpecificInfo");
}

export interface ParsedSample {
  track: number;
  dts: number;
  pts: number;
  duration: number;
  sync: boolean;
  compositionOffset: number;
  data: Uint8Array;
}

export interface ParsedSegment {
  sequenceNumber: number;
  tracks: { id: number; baseDecodeTime: number; trunVersion: number; samples: ParsedSample[] }[];
}

/** A media segment: moof then mdat, data offsets relative to the moof (default-base-is-moof). */
export function mediaSegmentSamples(bytes: Uint8Array): ParsedSegment {
  const boxes = readBoxes(bytes);
  if (boxes.map((each) => each.type).join(",") !== "moof,mdat") throw new Error(`segment boxes ${boxes.map((each) => each.type)}`);
  const moof = must(boxes[0], "moof");
  const sequenceNumber = view(must(find(moof.children, "mfhd"), "mfhd").body).getUint32(4);
  const tracks = moof.children
    .filter((each) => each.type === "traf")
    .map((traf) => {
      const tfhd = view(must(find(traf.children, "tfhd"), "tfhd").body);
      const tfdt = must(find(traf.children, "tfdt"), "tfdt").body;
      const trun = must(find(traf.children, "trun"), "trun").body;
      const id = tfhd.getUint32(4);
      const baseDecodeTime = tfdt[0] === 1 ? Number(view(tfdt).getBigUint64(4)) : view(tfdt).getUint32(4);
      const run = view(trun);
      const version = trun[0] ?? 0;
      const flags = run.getUint32(0) & 0xffffff;
      const count = run.getUint32(4);
      let offset = 8;
      let dataOffset = 0;
      if (flags & 0x1) {
        dataOffset = run.getInt32(offset);
        offset += 4;
      }
      if (flags & 0x4) offset += 4;
      const samples: ParsedSample[] = [];
      let dts = baseDecodeTime;
      let position = moof.start + dataOffset;
      for (let i = 0; i < count; i++) {
        const duration = flags & 0x100 ? run.getUint32(offset) : 0;
        const size = flags & 0x200 ? run.getUint32(offset + 4) : 0;
        const sampleFlags = flags & 0x400 ? run.getUint32(offset + 8) : 0;
        const compositionOffset = flags & 0x800 ? (version === 1 ? run.getInt32(offset + 12) : run.getUint32(offset + 12)) : 0;
        offset += 16;
        samples.push({ track: id, dts, pts: dts + compositionOffset, duration, sync: (sampleFlags & 0x00010000) === 0, compositionOffset, data: bytes.subarray(position, position + size) });
        dts += duration;
        position += size;
      }
      return { id, baseDecodeTime, trunVersion: version, samples };
    });
  return { sequenceNumber, tracks };
}

/** A whole (non-fragmented) file's samples, presentation times as its edit list places them on the movie timeline. */
export function fileSamples(bytes: Uint8Array): { boxOrder: string[]; samples: ParsedSample[]; cttsVersions: number[] } {
  const boxes = readBoxes(bytes);
  const moov = must(find(boxes, "moov"), "moov");
  const samples: ParsedSample[] = [];
  const cttsVersions: number[] = [];
  for (const trak of moov.children.filter((each) => each.type === "trak")) {
    const id = view(must(find(trak.children, "tkhd"), "tkhd").body).getUint32(12);
    const stbl = must(find(trak.children, "mdia/minf/stbl"), "stbl").children;
    const table = (type: string) => find(stbl, type)?.body;
    const durations = runs(must(find(stbl, "stts"), "stts").body, 8);
    const cttsBody = table("ctts");
    if (cttsBody) cttsVersions.push(cttsBody[0] ?? 0);
    const offsets = cttsBody ? runs(cttsBody, 8, cttsBody[0] === 1) : [];
    const stss = table("stss");
    const sync = stss ? new Set(Array.from({ length: view(stss).getUint32(4) }, (_, i) => view(stss).getUint32(8 + 4 * i))) : undefined;
    const stsz = view(must(find(stbl, "stsz"), "stsz").body);
    const sizes = Array.from({ length: stsz.getUint32(8) }, (_, i) => stsz.getUint32(12 + 4 * i));
    const stco = view(must(find(stbl, "stco"), "stco").body);
    const chunkOffsets = Array.from({ length: stco.getUint32(4) }, (_, i) => stco.getUint32(8 + 4 * i));
    const stsc = view(must(find(stbl, "stsc"), "stsc").body);
    const stscEntries = Array.from({ length: stsc.getUint32(4) }, (_, i) => ({ first: stsc.getUint32(8 + 12 * i), perChunk: stsc.getUint32(12 + 12 * i) }));
    // Edit list: an empty edit delays the track; the next edit's media_time is where presentation starts.
    let delay = 0;
    let mediaStart = 0;
    const elst = find(trak.children, "edts/elst")?.body;
    if (elst) {
      const entries = view(elst).getUint32(4);
      for (let i = 0; i < entries; i++) {
        const duration = view(elst).getUint32(8 + 12 * i);
        const mediaTime = view(elst).getInt32(12 + 12 * i);
        if (mediaTime === -1) delay += duration;
        else mediaStart = mediaTime;
      }
    }
    let sample = 0;
    let dts = 0;
    for (let chunk = 0; chunk < chunkOffsets.length; chunk++) {
      const entry = [...stscEntries].reverse().find((each) => each.first <= chunk + 1);
      let position = chunkOffsets[chunk] ?? 0;
      for (let i = 0; i < (entry?.perChunk ?? 0); i++, sample++) {
        const size = sizes[sample] ?? 0;
        const duration = durations[sample] ?? 0;
        const compositionOffset = offsets[sample] ?? 0;
        samples.push({
          track: id,
          dts,
          pts: dts + compositionOffset - mediaStart + delay,
          duration,
          sync: sync === undefined || sync.has(sample + 1),
          compositionOffset,
          data: bytes.subarray(position, position + size),
        });
        position += size;
        dts += duration;
      }
    }
  }
  return { boxOrder: boxes.map((each) => each.type), samples, cttsVersions };
}

/** Expands (count, value) runs of stts/ctts. */
function runs(body: Uint8Array, start: number, signed = false): number[] {
  const data = view(body);
  const count = data.getUint32(4);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const times = data.getUint32(start + 8 * i);
    const value = signed ? data.getInt32(start + 4 + 8 * i) : data.getUint32(start + 4 + 8 * i);
    for (let j = 0; j < times; j++) values.push(value);
  }
  return values;
}
