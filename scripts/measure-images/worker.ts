/**
 * The Worker that scripts/measure-images/run.mjs drives: decodes and encodes the pictures of the Matroska file it
 * is sent, inside workerd, as GetImages would. Not part of the service.
 */
import { decodeFrames, encodeImage, frameShownAt, type ImageFormat } from "../../src/video/decoder";
import { readMkv } from "../../src/video/media/mkv-reader";

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const format: ImageFormat = url.searchParams.get("format") === "PNG" ? "PNG" : "JPEG";
    // encode=no: decoding alone, to tell the decoder's share from the encoder's.
    const encode = url.searchParams.get("encode") !== "no";
    // "every": every frame of every fragment; "sampled": one picture per fragment, half a second in (what a
    // GetImages request with a 1 s sampling interval costs: decoding from the key frame up to it).
    const mode = url.searchParams.get("mode") === "sampled" ? "sampled" : "every";
    const document = readMkv(new Uint8Array(await request.arrayBuffer()));
    const track = document.tracks.find((candidate) => candidate.type === 1);
    if (track === undefined) return new Response("no video track", { status: 400 });
    let images = 0;
    let bytes = 0;
    for (const fragment of document.fragments) {
      const times = fragment.frames.filter((frame) => frame.track === track.number).map((frame) => frame.timecode);
      const wanted = mode === "every" ? times : [frameShownAt(track, fragment, fragment.timecode + 500) ?? fragment.timecode];
      for (const frame of decodeFrames(track, fragment, wanted)) {
        if (encode) bytes += (await encodeImage(frame, { format, quality: 80 })).length;
        images++;
      }
    }
    return Response.json({ images, bytes });
  },
};
