// A video stream's strip of images (src/console/pages/video-stream.tsx lays it out): GetImages through the
// console API as the signed-in user, on the server's timeline, as small JPEGs (90 pixels high), sampled
// so that a range gives at most MAX_IMAGES of them: the last 10 minutes, the last hour, a range of the
// timeline's fragments, or the seconds around a movement event (its "Frames" button). GetImages covers at
// most 300 s a request, so a longer range is asked for in several. Times with no media are gaps.
import { callApi, describeError } from "./api.js";
import { clock, fillFragments, seconds } from "./fragments.js";

const ARCHIVED = "kinesis-video-archived-media";
/** Images a range shows at most. */
const MAX_IMAGES = 25;
/** GetImages' limits: its range (300 s) and its smallest SamplingInterval. */
const MAX_REQUEST_MS = 300_000;
const MIN_INTERVAL_MS = 200;
const HEIGHT_PIXELS = 90;
/** The range shown around a movement event, each side of it. */
const AROUND_MS = 2_500;

/**
 * @typedef {import("./fragments.js").Fragment} Fragment
 * @typedef {{ TimeStamp: number, ImageContent?: string, Error?: string }} WireImage
 */

/**
 * @param {HTMLElement} root the stream's element (data-video-stream)
 * @param {string} streamName
 * @param {{ fragments: Fragment[], listeners: Set<(fragments: Fragment[]) => void> }} timeline
 */
export function initFrames(root, streamName, timeline) {
  const form = root.querySelector("[data-frames-form]");
  if (!(form instanceof HTMLFormElement)) return;
  const strip = /** @type {HTMLElement} */ (root.querySelector("[data-frames-strip]"));
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-frames-status]"));
  const range = /** @type {HTMLSelectElement} */ (form.querySelector("[data-frames-range]"));
  const start = /** @type {HTMLSelectElement} */ (form.querySelector("[data-frames-start]"));
  const end = /** @type {HTMLSelectElement} */ (form.querySelector("[data-frames-end]"));
  /** Each showing gets a number; the answers of an older one are dropped. */
  let generation = 0;

  timeline.listeners.add((fragments) => {
    fillFragments(start, fragments, "first");
    fillFragments(end, fragments, "last");
  });
  range.addEventListener("change", () => {
    for (const label of form.querySelectorAll("[data-frames-fragments]")) {
      if (label instanceof HTMLElement) label.hidden = range.value !== "fragments";
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = chosenRange();
    if (chosen) void show(chosen.startMs, chosen.endMs, chosen.label);
  });
  // The movement list is rendered again every few seconds: its buttons are found by delegation.
  root.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-frames-at]") : null;
    if (!(button instanceof HTMLElement)) return;
    const at = Number(button.dataset.framesAt);
    void show(at - AROUND_MS, at + AROUND_MS, `around the movement at ${clock(at / 1000)}`);
    strip.scrollIntoView({ block: "nearest" });
  });

  /** @returns {{ startMs: number, endMs: number, label: string } | undefined} */
  function chosenRange() {
    if (range.value !== "fragments") {
      const endMs = Date.now();
      return { startMs: endMs - Number(range.value) * 1000, endMs, label: range.selectedOptions[0]?.textContent?.toLowerCase() ?? "" };
    }
    const first = timeline.fragments.find((fragment) => fragment.FragmentNumber === start.value);
    const second = timeline.fragments.find((fragment) => fragment.FragmentNumber === end.value);
    if (!first || !second) {
      status.textContent = "No fragments listed to choose from yet.";
      return undefined;
    }
    // Either order: the range runs from the earlier to the end of the later.
    const [from, to] = first.ServerTimestamp <= second.ServerTimestamp ? [first, second] : [second, first];
    const startMs = from.ServerTimestamp * 1000;
    // The last sample falls inside the last fragment chosen.
    const endMs = Math.max(to.ServerTimestamp * 1000 + to.FragmentLengthInMilliseconds - 1, startMs);
    return { startMs, endMs, label: "the fragments chosen" };
  }

  /**
   * @param {number} fromMs
   * @param {number} toMs
   * @param {string} label
   */
  async function show(fromMs, toMs, label) {
    const mine = ++generation;
    const startMs = Math.floor(fromMs);
    const intervalMs = Math.max(MIN_INTERVAL_MS, Math.ceil((Math.floor(toMs) - startMs) / (MAX_IMAGES - 1)));
    const count = Math.floor((Math.floor(toMs) - startMs) / intervalMs) + 1;
    const times = Array.from({ length: count }, (_, index) => startMs + index * intervalMs);
    const cells = times.map((time) => cell(time));
    strip.replaceChildren(...cells.map((item) => item.element));
    status.textContent = `Loading ${times.length} images ${label}, one every ${(intervalMs / 1000).toFixed(1)} s…`;
    let shown = 0;
    try {
      // Consecutive times, each group within GetImages' 300 s.
      for (let first = 0; first < times.length; ) {
        let last = first;
        while (last + 1 < times.length && (times[last + 1] ?? 0) - (times[first] ?? 0) <= MAX_REQUEST_MS) last += 1;
        const answer = await callApi(ARCHIVED, "GetImages", {
          StreamName: streamName,
          ImageSelectorType: "SERVER_TIMESTAMP",
          StartTimestamp: seconds(times[first] ?? 0),
          EndTimestamp: seconds(times[last] ?? 0),
          SamplingInterval: intervalMs,
          Format: "JPEG",
          FormatConfig: { JPEGQuality: "70" },
          HeightPixels: HEIGHT_PIXELS,
          MaxResults: MAX_IMAGES,
        });
        if (mine !== generation) return;
        /** @type {WireImage[]} */
        const images = answer.Images ?? [];
        images.forEach((image, index) => {
          const target = cells[first + index];
          if (!target) return;
          if (image.ImageContent) shown += 1;
          target.fill(image);
        });
        first = last + 1;
      }
      status.textContent = `${shown} of ${times.length} images ${label} (one every ${(intervalMs / 1000).toFixed(1)} s); gaps where nothing was recorded.`;
    } catch (error) {
      if (mine === generation) status.textContent = describeError(error);
    }
  }
}

/**
 * One place in the strip: a picture, or a gap saying why there is none.
 * @param {number} timeMs
 */
function cell(timeMs) {
  const element = document.createElement("figure");
  element.className = "frame pending";
  element.dataset.time = String(timeMs);
  const caption = document.createElement("figcaption");
  caption.textContent = new Date(timeMs).toISOString().slice(11, 23);
  element.append(caption);
  return {
    element,
    /** @param {WireImage} image */
    fill(image) {
      element.classList.remove("pending");
      if (image.ImageContent) {
        const picture = document.createElement("img");
        picture.dataset.testid = "frame-image";
        picture.alt = `The picture at ${clock(timeMs / 1000)}`;
        picture.src = `data:image/jpeg;base64,${image.ImageContent}`;
        element.prepend(picture);
      } else {
        const gap = document.createElement("div");
        gap.className = "frame-gap";
        gap.dataset.testid = "frame-gap";
        gap.dataset.error = image.Error ?? "";
        gap.textContent = image.Error === "NO_MEDIA" ? "no media" : (image.Error ?? "").toLowerCase().replace("_", " ");
        gap.title = `${image.Error ?? ""} at ${clock(timeMs / 1000)}`;
        element.prepend(gap);
      }
    },
  };
}
