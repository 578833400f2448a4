/**
 * A decoded picture (YUV planes with its presentation time) and its conversion to RGB. The conversion follows the
 * stream's VUI: BT.709 when it says so, BT.601 otherwise (also when unspecified, as FFmpeg's swscale does), and
 * limited ("TV") range unless the stream declares full range. Chroma is taken from the nearest sample, not
 * interpolated: at GetImages' sizes the difference is a fraction of a level at edges of colour.
 */

/** One decoded picture: 8-bit Y, U and V planes, tightly packed (4:2:0, 4:2:2 or 4:4:4). */
export interface DecodedFrame {
  /** Presentation time, in the fragment's timecode units, as the Matroska frame carried it. */
  timecode: number;
  width: number;
  height: number;
  chromaWidth: number;
  chromaHeight: number;
  fullRange: boolean;
  matrix: "bt601" | "bt709";
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

/** Pixels as image encoders take them: `channels` bytes per pixel (RGB or RGBA), rows top to bottom. */
export interface RgbImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8ClampedArray;
}

// Per-level contributions, so the per-pixel work is table look-ups and additions.
interface Tables {
  luma: Float32Array;
  redV: Float32Array;
  greenU: Float32Array;
  greenV: Float32Array;
  blueU: Float32Array;
}

const tableCache = new Map<string, Tables>();

function tables(matrix: DecodedFrame["matrix"], fullRange: boolean): Tables {
  const key = `${matrix}/${fullRange}`;
  const cached = tableCache.get(key);
  if (cached) return cached;
  // Kr and Kb of each matrix (H.264 table E-5); the rest follows from them.
  const [kr, kb] = matrix === "bt709" ? [0.2126, 0.0722] : [0.299, 0.114];
  const kg = 1 - kr - kb;
  const lumaScale = fullRange ? 1 : 255 / 219;
  const chromaScale = fullRange ? 1 : 255 / 224;
  const built: Tables = {
    luma: new Float32Array(256),
    redV: new Float32Array(256),
    greenU: new Float32Array(256),
    greenV: new Float32Array(256),
    blueU: new Float32Array(256),
  };
  for (let level = 0; level < 256; level++) {
    const chroma = (level - 128) * chromaScale;
    built.luma[level] = (level - (fullRange ? 0 : 16)) * lumaScale;
    built.redV[level] = 2 * (1 - kr) * chroma;
    built.blueU[level] = 2 * (1 - kb) * chroma;
    built.greenU[level] = (-2 * (1 - kb) * kb * chroma) / kg;
    built.greenV[level] = (-2 * (1 - kr) * kr * chroma) / kg;
  }
  tableCache.set(key, built);
  return built;
}

/** The picture as RGB (channels 3) or RGBA with opaque alpha (channels 4). */
export function toRgb(frame: DecodedFrame, channels: 3 | 4): RgbImage {
  const { width, height, chromaWidth, y, u, v } = frame;
  const t = tables(frame.matrix, frame.fullRange);
  const shiftX = chromaWidth < width ? 1 : 0;
  const shiftY = frame.chromaHeight < height ? 1 : 0;
  // Uint8ClampedArray rounds and clamps on store.
  const data = new Uint8ClampedArray(width * height * channels);
  let out = 0;
  for (let row = 0; row < height; row++) {
    const lumaRow = row * width;
    const chromaRow = (row >> shiftY) * chromaWidth;
    for (let column = 0; column < width; column++) {
      const chroma = chromaRow + (column >> shiftX);
      const cb = u[chroma] ?? 128;
      const cr = v[chroma] ?? 128;
      const luma = t.luma[y[lumaRow + column] ?? 0] ?? 0;
      data[out] = luma + (t.redV[cr] ?? 0);
      data[out + 1] = luma + (t.greenU[cb] ?? 0) + (t.greenV[cr] ?? 0);
      data[out + 2] = luma + (t.blueU[cb] ?? 0);
      if (channels === 4) data[out + 3] = 255;
      out += channels;
    }
  }
  return { width, height, channels, data };
}
