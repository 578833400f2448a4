/**
 * The test videos (test/fixtures/video, made by its make.sh) and ffprobe's view of them: what the tests expect,
 * taken from ffmpeg's reading of the files, never from our own output.
 */
import baselineMkv from "../../fixtures/video/baseline.mkv";
import baselineProbe from "../../fixtures/video/baseline.ffprobe.json";
import highMkv from "../../fixtures/video/high-bframes.mkv";
import highProbe from "../../fixtures/video/high-bframes.ffprobe.json";
import highAacMkv from "../../fixtures/video/high-bframes-aac.mkv";
import highAacProbe from "../../fixtures/video/high-bframes-aac.ffprobe.json";

interface ProbePacket {
  stream_index: number;
  pts: number;
  dts?: number;
  duration?: number;
  size: string;
  flags: string;
  data_hash: string;
}

interface ProbeStream {
  index: number;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  has_b_frames?: number;
  sample_rate?: string;
  channels?: number;
  extradata_size?: number;
  extradata_hash?: string;
}

interface Probe {
  packets: ProbePacket[];
  streams: ProbeStream[];
}

/** A frame as ffprobe saw it, in file (decode) order. Matroska track numbers are ffmpeg's stream index + 1 here. */
export interface ExpectedFrame {
  track: number;
  pts: number;
  /** ffmpeg's decode time: it derives one per frame, null where it could not (the first B-frame delays). */
  dts: number | null;
  keyframe: boolean;
  size: number;
  sha256: string;
}

export interface ExpectedTrack {
  number: number;
  codec: string;
  profile: string | undefined;
  /** ffmpeg's reorder delay in frames (has_b_frames): how many frames decoding runs ahead of presentation. */
  reorderDelay: number;
  width: number | undefined;
  height: number | undefined;
  sampleRate: number | undefined;
  channels: number | undefined;
  codecPrivateSha256: string | undefined;
}

export interface Fixture {
  name: string;
  bytes: Uint8Array;
  frames: ExpectedFrame[];
  tracks: ExpectedTrack[];
}

function fixture(name: string, data: ArrayBuffer, probe: Probe): Fixture {
  return {
    name,
    bytes: new Uint8Array(data),
    frames: probe.packets.map((packet) => ({
      track: packet.stream_index + 1,
      pts: packet.pts,
      dts: packet.dts ?? null,
      keyframe: packet.flags.startsWith("K"),
      size: Number(packet.size),
      sha256: packet.data_hash.replace(/^SHA256:/, ""),
    })),
    tracks: probe.streams.map((stream) => ({
      number: stream.index + 1,
      codec: stream.codec_name,
      profile: stream.profile,
      reorderDelay: stream.has_b_frames ?? 0,
      width: stream.width,
      height: stream.height,
      sampleRate: stream.sample_rate === undefined ? undefined : Number(stream.sample_rate),
      channels: stream.channels,
      codecPrivateSha256: stream.extradata_hash?.replace(/^SHA256:/, ""),
    })),
  };
}

export const baseline = fixture("baseline.mkv (constrained baseline, seekable file)", baselineMkv, baselineProbe);
export const highBframes = fixture("high-bframes.mkv (High, B-frames, live: unknown-size Segment)", highMkv, highProbe);
export const highBframesAac = fixture("high-bframes-aac.mkv (High, B-frames, AAC track)", highAacMkv, highAacProbe);
export const FIXTURES = [baseline, highBframes, highBframesAac];

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
