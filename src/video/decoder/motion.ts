/**
 * Movement between two sampled pictures: beyond AWS, which leaves this to Rekognition. Deliberately simple and
 * cheap: one pass over each picture's luma samples, then a comparison of a few thousand cells.
 *
 * 1. Each picture shrinks to a grey thumbnail, `gridWidth` cells across (80 by default; the height keeps the
 *    aspect ratio), each cell the mean of its block of luma samples. Averaging hides sensor noise and
 *    compression flicker, and makes the cost independent of the camera's resolution.
 * 2. A cell has changed when its grey level moved by more than the threshold that `sensitivity` sets:
 *    (100 - sensitivity) x 2.55 levels of 255, so sensitivity 90 (the default) means 25 levels, 100 means any
 *    change, 1 means black to white only.
 * 3. Movement is reported when the changed cells cover at least `minAreaPercent` of the picture (0.5 % by
 *    default: a person across a room at 720p, not a leaf), with the bounding box of the changed cells, in the
 *    picture's pixels. Two separate movers give one box around both.
 *
 * It sees change, not objects: lighting changes (a lamp switched on) count as movement; raise minAreaPercent or
 * lower sensitivity against them. Pictures of different sizes (a resolution change) are not compared.
 */
import type { DecodedFrame } from "./picture";

export interface MotionSettings {
  /** 1..100: how small a change of grey counts (see above). */
  sensitivity: number;
  /** 0..100: the smallest changed share of the picture, in percent, that is movement. */
  minAreaPercent: number;
  /** Thumbnail cells across (more: finer boxes and smaller movers, more work). */
  gridWidth: number;
}

export const DEFAULT_MOTION_SETTINGS: MotionSettings = { sensitivity: 90, minAreaPercent: 0.5, gridWidth: 80 };

/** A picture reduced to mean grey levels per cell. */
export interface GreyThumbnail {
  width: number;
  height: number;
  sourceWidth: number;
  sourceHeight: number;
  cells: Uint8Array;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Movement {
  /** The changed cells' bounding box, in the picture's pixels. */
  region: Region;
  /** The changed cells' share of the picture, in percent. */
  changedPercent: number;
}

// The cell boundaries along one axis: cell i spans source [edges[i], edges[i + 1]).
function edges(sourceLength: number, cells: number): Int32Array {
  const result = new Int32Array(cells + 1);
  for (let i = 0; i <= cells; i++) result[i] = Math.floor((i * sourceLength) / cells);
  return result;
}

export function greyThumbnail(frame: DecodedFrame, gridWidth = DEFAULT_MOTION_SETTINGS.gridWidth): GreyThumbnail {
  const width = Math.max(1, Math.min(gridWidth, frame.width));
  const height = Math.max(1, Math.min(frame.height, Math.round((frame.height * width) / frame.width)));
  const columns = edges(frame.width, width);
  const rows = edges(frame.height, height);
  const sums = new Float64Array(width);
  const cells = new Uint8Array(width * height);
  for (let cellRow = 0; cellRow < height; cellRow++) {
    sums.fill(0);
    const top = rows[cellRow] ?? 0;
    const bottom = rows[cellRow + 1] ?? top;
    for (let y = top; y < bottom; y++) {
      const line = y * frame.width;
      for (let cell = 0; cell < width; cell++) {
        let sum = 0;
        const end = columns[cell + 1] ?? 0;
        for (let x = columns[cell] ?? 0; x < end; x++) sum += frame.y[line + x] ?? 0;
        sums[cell] = (sums[cell] ?? 0) + sum;
      }
    }
    for (let cell = 0; cell < width; cell++) {
      const area = ((columns[cell + 1] ?? 0) - (columns[cell] ?? 0)) * (bottom - top);
      cells[cellRow * width + cell] = area > 0 ? Math.round((sums[cell] ?? 0) / area) : 0;
    }
  }
  return { width, height, sourceWidth: frame.width, sourceHeight: frame.height, cells };
}

/** The movement from `before` to `after`, or undefined when too little changed (or they cannot be compared). */
export function detectMotion(before: GreyThumbnail, after: GreyThumbnail, settings: Partial<MotionSettings> = {}): Movement | undefined {
  const { sensitivity, minAreaPercent } = { ...DEFAULT_MOTION_SETTINGS, ...settings };
  if (before.width !== after.width || before.height !== after.height || before.sourceWidth !== after.sourceWidth || before.sourceHeight !== after.sourceHeight) return undefined;
  const threshold = (100 - Math.min(100, Math.max(1, sensitivity))) * 2.55;
  let changed = 0;
  let left = after.width;
  let right = -1;
  let top = after.height;
  let bottom = -1;
  for (let row = 0; row < after.height; row++) {
    for (let column = 0; column < after.width; column++) {
      const index = row * after.width + column;
      if (Math.abs((after.cells[index] ?? 0) - (before.cells[index] ?? 0)) <= threshold) continue;
      changed++;
      left = Math.min(left, column);
      right = Math.max(right, column);
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
    }
  }
  const changedPercent = (100 * changed) / (after.width * after.height);
  if (changed === 0 || changedPercent < minAreaPercent) return undefined;
  const columns = edges(after.sourceWidth, after.width);
  const rows = edges(after.sourceHeight, after.height);
  const x = columns[left] ?? 0;
  const y = rows[top] ?? 0;
  return { region: { x, y, width: (columns[right + 1] ?? 0) - x, height: (rows[bottom + 1] ?? 0) - y }, changedPercent };
}

/** Compares each picture with the one before it: feed sampled pictures in time order. */
export class MotionDetector {
  private previous: GreyThumbnail | undefined;

  constructor(private readonly settings: MotionSettings = DEFAULT_MOTION_SETTINGS) {}

  next(frame: DecodedFrame): Movement | undefined {
    const current = greyThumbnail(frame, this.settings.gridWidth);
    const movement = this.previous === undefined ? undefined : detectMotion(this.previous, current, this.settings);
    this.previous = current;
    return movement;
  }
}
