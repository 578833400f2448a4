/**
 * GetClip's MP4: AWS answers "a traditional MP4 file" (GetClipOutput's documentation), not a fragmented one. So:
 * ftyp, then moov with complete sample tables, then one mdat, with moov first so a browser can start playing
 * before the download ends. Each fragment's frames of a track form one chunk.
 *
 * Decode times as in timing.ts, shifted so every composition offset is positive (ctts version 0, which every
 * player reads); an edit list then starts presentation at the first frame, and an empty edit delays a track that
 * starts after the clip's first frame (the audio/video offset of the source is kept).
 */
import { concatBytes } from "../../bytes";
import { sampleEntry } from "./codecs";
import { fileType, mediaDataHeader, movieHeader, trackBox } from "./fmp4";
import { box, Fields, fullBox } from "./mp4-boxes";
import { timescaleOf, trackSamples, type Sample } from "./timing";
import type { Fragment, TrackInfo } from "./types";

interface TrackPlan {
  track: TrackInfo;
  /** Per fragment, this track's samples (a chunk each; empty fragments make no chunk). */
  chunks: Sample[][];
  /** How far decode times are moved back so no composition offset is negative. */
  shift: number;
  start: number;
  duration: number;
}

/** The fragments (in order, same TimecodeScale) as one MP4 file. */
export function clipMp4(fragments: readonly Fragment[], tracks: readonly TrackInfo[]): Uint8Array {
  const first = fragments[0];
  if (first === undefined) throw new RangeError("a clip needs at least one fragment");
  const timescale = timescaleOf(first.timecodeScale);
  const plans = tracks.map((track) => plan(track, fragments)).filter((each) => each.chunks.some((chunk) => chunk.length > 0));
  const clipStart = Math.min(...plans.map((each) => each.start));
  const movieDuration = Math.max(0, ...plans.map((each) => each.start - clipStart + each.duration));

  const build = (mdatStart: number) => {
    let position = mdatStart + 8;
    const traks = plans.map((each) => {
      const offsets: number[] = [];
      for (const chunk of each.chunks) {
        if (chunk.length === 0) continue;
        offsets.push(position);
        position += chunk.reduce((sum, sample) => sum + sample.frame.data.length, 0);
      }
      return trackBox(each.track, timescale, {
        duration: each.start - clipStart + each.duration,
        mediaDuration: each.duration,
        sampleTable: sampleTable(each, offsets),
        editList: editList(each, each.start - clipStart),
      });
    });
    return box("moov", movieHeader(timescale, movieDuration, Math.max(...plans.map((each) => each.track.number)) + 1), ...traks);
  };
  const ftyp = fileType("isom", ["isom", "iso2", "avc1", "mp41"]);
  const moovSize = build(0).length;
  const moov = build(ftyp.length + moovSize);
  // Chunks in the same order the offsets were handed out: track by track.
  const payload = plans.flatMap((each) => each.chunks.flatMap((chunk) => chunk.map((sample) => sample.frame.data)));
  return concatBytes([ftyp, moov, mediaDataHeader(payload), ...payload]);
}

function plan(track: TrackInfo, fragments: readonly Fragment[]): TrackPlan {
  const frames = fragments.flatMap((fragment) => fragment.frames.filter((frame) => frame.track === track.number));
  const scale = fragments[0]?.timecodeScale ?? 1_000_000;
  const samples = trackSamples(frames, track, scale);
  const shift = Math.max(0, ...samples.map((sample) => -sample.compositionOffset));
  // Samples keep the frames' order, so each fragment's chunk is the next run of as many samples as it has frames.
  let next = 0;
  const chunks = fragments.map((fragment) => {
    const count = fragment.frames.filter((frame) => frame.track === track.number).length;
    next += count;
    return samples.slice(next - count, next);
  });
  const start = Math.min(...frames.map((frame) => frame.timecode));
  return { track, chunks, shift, start, duration: samples.reduce((sum, sample) => sum + sample.duration, 0) };
}

function sampleTable(each: TrackPlan, chunkOffsets: readonly number[]): Uint8Array {
  const samples = each.chunks.flat();
  const timeToSample = runLengths(samples.map((sample) => sample.duration));
  const stts = new Fields().u32(timeToSample.length);
  for (const [count, value] of timeToSample) stts.u32(count).u32(value);
  const offsets = runLengths(samples.map((sample) => sample.compositionOffset + each.shift));
  const ctts = new Fields().u32(offsets.length);
  for (const [count, value] of offsets) ctts.u32(count).u32(value);
  const sync = samples.flatMap((sample, index) => (sample.frame.keyframe ? [index + 1] : []));
  const stss = new Fields().u32(sync.length);
  for (const number of sync) stss.u32(number);
  const perChunk = runLengths(each.chunks.filter((chunk) => chunk.length > 0).map((chunk) => chunk.length));
  const stsc = new Fields().u32(perChunk.length);
  let chunkNumber = 1;
  for (const [count, samplesPerChunk] of perChunk) {
    stsc.u32(chunkNumber).u32(samplesPerChunk).u32(1);
    chunkNumber += count;
  }
  const stsz = new Fields().u32(0).u32(samples.length);
  for (const sample of samples) stsz.u32(sample.frame.data.length);
  const stco = new Fields().u32(chunkOffsets.length);
  for (const offset of chunkOffsets) stco.u32(offset);
  return box(
    "stbl",
    fullBox("stsd", 0, 0, new Fields().u32(1).done(), sampleEntry(each.track)),
    fullBox("stts", 0, 0, stts.done()),
    ...(offsets.length === 1 && offsets[0]?.[1] === 0 ? [] : [fullBox("ctts", 0, 0, ctts.done())]),
    // Without stss every sample is a sync sample, as for audio.
    ...(sync.length === samples.length ? [] : [fullBox("stss", 0, 0, stss.done())]),
    fullBox("stsc", 0, 0, stsc.done()),
    fullBox("stsz", 0, 0, stsz.done()),
    fullBox("stco", 0, 0, stco.done()),
  );
}

/** An empty edit for a late start, then the whole track from its first presented frame. */
function editList(each: TrackPlan, delay: number): Uint8Array {
  const entries: [number, number][] = [];
  if (delay > 0) entries.push([delay, -1]);
  entries.push([each.duration, each.shift]);
  const fields = new Fields().u32(entries.length);
  for (const [duration, mediaTime] of entries) fields.u32(duration).i32(mediaTime).u16(1).u16(0);
  return box("edts", fullBox("elst", 0, 0, fields.done()));
}

/** [count, value] runs of equal neighbours. */
function runLengths(values: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const value of values) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === value) last[0]++;
    else runs.push([1, value]);
  }
  return runs;
}
