// A video stream's page (src/console/pages/video-stream.tsx): the player, the fragment timeline and
// the clip download. The player is hls.js (npm's hls.js, served as /console/static/hls.mjs and
// loaded only here) fed by the service's own GetHLSStreamingSessionURL, LIVE or ON_DEMAND; the
// session URL is on this origin, so the page's Content-Security-Policy lets it load. Fragments come
// from ListFragments, the clip from GetClip, the strip of images from GetImages (./frames.js): all through
// the console API as the signed-in user.
import { callApi, callApiForBytes, describeError } from "./api.js";
import { initFrames } from "./frames.js";
import { clock, fillFragments, seconds } from "./fragments.js";

const ARCHIVED = "kinesis-video-archived-media";
/** How often the timeline lists fragments again, and how long LIVE waits before asking again for media. */
const TIMELINE_MS = 5_000;
const LIVE_RETRY_MS = 3_000;
/** ListFragments pages followed at most: the timeline shows up to this many thousand fragments. */
const MAX_PAGES = 10;
/** AWS's limit on the range of an ON_DEMAND session (24 hours). */
const MAX_RANGE_SECONDS = 24 * 3600;
/** Sessions last as long as AWS allows (12 hours; the default, 5 minutes, would stop a player watching longer). */
const SESSION_SECONDS = 43_200;

/** @typedef {import("./fragments.js").Fragment} Fragment */

/** @typedef {typeof import("hls.js").default} HlsClass */

/** @type {Promise<HlsClass> | undefined} */
let hlsLoading;

/** hls.js, loaded once, when the first stream plays. @returns {Promise<HlsClass>} */
function loadHls() {
  // A variable, so that type checking does not look for the served file's types (they are hls.js's).
  const url = "/console/static/hls.mjs";
  hlsLoading ??= import(url).then((module) => /** @type {HlsClass} */ (module.default));
  return hlsLoading;
}

/** @param {HTMLElement} root an element with data-video-stream="<name>" */
export function initVideoStream(root) {
  const streamName = root.dataset.videoStream ?? "";
  const video = root.querySelector("[data-player]");
  const status = root.querySelector("[data-player-status]");
  if (!(video instanceof HTMLVideoElement) || !(status instanceof HTMLElement) || root.dataset.retains !== "true") return;
  const player = new Player(streamName, video, status);
  const timeline = new Timeline(root, streamName, (fragment) => void player.onDemand(timeline.fragments, fragment));

  root.querySelector("[data-play-live]")?.addEventListener("click", () => void player.live());
  root.querySelector("[data-play-on-demand]")?.addEventListener("click", () => {
    const first = timeline.fragments[0];
    if (first) void player.onDemand(timeline.fragments, first);
    else player.say("No fragments in the timeline's window to play on demand.");
  });
  const clip = root.querySelector("[data-clip-form]");
  if (clip instanceof HTMLFormElement) initClip(clip, streamName, timeline);
  initFrames(root, streamName, timeline);
  void player.live();
  void timeline.refresh();
}

class Player {
  /**
   * @param {string} streamName
   * @param {HTMLVideoElement} video
   * @param {HTMLElement} status
   */
  constructor(streamName, video, status) {
    this.streamName = streamName;
    this.video = video;
    this.status = status;
    /** @type {import("hls.js").default | undefined} */
    this.hls = undefined;
    /** Each play() gets a number; an answer for an older one is dropped. */
    this.generation = 0;
  }

  /** @param {string} text */
  say(text) {
    this.status.textContent = text;
  }

  /** LIVE: the newest fragments, then each new one as it is stored; waits for media while there is none. */
  async live() {
    const generation = ++this.generation;
    this.say("Opening the live session…");
    for (;;) {
      try {
        const { HLSStreamingSessionURL } = await callApi(ARCHIVED, "GetHLSStreamingSessionURL", { StreamName: this.streamName, PlaybackMode: "LIVE", Expires: SESSION_SECONDS });
        if (generation !== this.generation) return;
        await this.play(HLSStreamingSessionURL, "LIVE", "Playing live.");
        return;
      } catch (error) {
        if (generation !== this.generation) return;
        // No fragment yet: a producer may start any moment (npm run put-media).
        if (/** @type {{ type?: string }} */ (error).type !== "ResourceNotFoundException") return this.say(describeError(error));
        this.say(`Waiting for media (${describeError(error)})`);
        await new Promise((resolve) => window.setTimeout(resolve, LIVE_RETRY_MS));
        if (generation !== this.generation) return;
      }
    }
  }

  /**
   * ON_DEMAND from a fragment to the last one listed (within 24 hours of it), by server timestamps.
   * @param {readonly Fragment[]} fragments the timeline's, oldest first
   * @param {Fragment} from
   */
  async onDemand(fragments, from) {
    const generation = ++this.generation;
    const last = fragments[fragments.length - 1] ?? from;
    const startMs = from.ServerTimestamp * 1000;
    // Sessions list the fragments that start in the range; its end must be in the past for server timestamps.
    const endMs = Math.min(Math.max(last.ServerTimestamp * 1000, startMs) + 1, startMs + MAX_RANGE_SECONDS * 1000);
    this.say("Opening the on-demand session…");
    try {
      const { HLSStreamingSessionURL } = await callApi(ARCHIVED, "GetHLSStreamingSessionURL", {
        StreamName: this.streamName,
        PlaybackMode: "ON_DEMAND",
        Expires: SESSION_SECONDS,
        HLSFragmentSelector: { FragmentSelectorType: "SERVER_TIMESTAMP", TimestampRange: { StartTimestamp: seconds(startMs), EndTimestamp: seconds(endMs) } },
      });
      if (generation !== this.generation) return;
      await this.play(HLSStreamingSessionURL, "ON_DEMAND", `Playing on demand from ${clock(from.ServerTimestamp)} (fragment ${from.FragmentNumber}).`);
    } catch (error) {
      if (generation === this.generation) this.say(describeError(error));
    }
  }

  /**
   * @param {string} url the session's master playlist
   * @param {"LIVE" | "ON_DEMAND"} mode
   * @param {string} text what the status says while it plays
   */
  async play(url, mode, text) {
    this.hls?.destroy();
    this.hls = undefined;
    const generation = this.generation;
    const Hls = await loadHls();
    // Another session was asked for meanwhile: it plays instead.
    if (generation !== this.generation) return;
    this.video.dataset.mode = mode;
    if (Hls.isSupported()) {
      // No worker: the page's Content-Security-Policy allows scripts from this origin only, not blob: workers.
      const hls = new Hls({ enableWorker: false });
      this.hls = hls;
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal && this.hls === hls) this.say(`The player stopped: ${data.details}${data.response ? ` (HTTP ${data.response.code})` : ""}`);
      });
      hls.loadSource(url);
      hls.attachMedia(this.video);
    } else if (this.video.canPlayType("application/vnd.apple.mpegurl")) {
      this.video.src = url;
    } else {
      this.say("This browser plays neither HLS nor Media Source Extensions.");
      return;
    }
    this.say(text);
    // Muted, so browsers let it start on its own.
    this.video.play().catch(() => undefined);
  }
}

class Timeline {
  /**
   * @param {HTMLElement} root
   * @param {string} streamName
   * @param {(fragment: Fragment) => void} onPick
   */
  constructor(root, streamName, onPick) {
    this.streamName = streamName;
    this.onPick = onPick;
    /** @type {Fragment[]} oldest first */
    this.fragments = [];
    this.bar = /** @type {HTMLElement} */ (root.querySelector("[data-timeline]"));
    this.status = /** @type {HTMLElement} */ (root.querySelector("[data-timeline-status]"));
    this.from = root.querySelector("[data-timeline-from]");
    this.to = root.querySelector("[data-timeline-to]");
    this.window = /** @type {HTMLSelectElement | null} */ (root.querySelector("[data-timeline-window]"));
    this.window?.addEventListener("change", () => void this.refresh());
    /** @type {Set<(fragments: Fragment[]) => void>} */
    this.listeners = new Set();
    /** @type {number | undefined} */
    this.timer = undefined;
  }

  /** Lists the window's fragments (ListFragments, by server timestamp), draws them, and comes back later. */
  async refresh() {
    window.clearTimeout(this.timer);
    if (!document.hidden && this.bar.isConnected) {
      try {
        const windowSeconds = Number(this.window?.value ?? 3600);
        const now = Date.now();
        // A minute past now: the server's clock may be ahead of this one.
        const range = { StartTimestamp: seconds(now - windowSeconds * 1000), EndTimestamp: seconds(now + 60_000) };
        /** @type {Fragment[]} */
        const fragments = [];
        /** @type {string | undefined} */
        let token;
        for (let page = 0; page < MAX_PAGES; page++) {
          const input = token === undefined
            ? { StreamName: this.streamName, MaxResults: 1000, FragmentSelector: { FragmentSelectorType: "SERVER_TIMESTAMP", TimestampRange: range } }
            : { StreamName: this.streamName, MaxResults: 1000, NextToken: token };
          const answer = await callApi(ARCHIVED, "ListFragments", input);
          fragments.push(...(answer.Fragments ?? []));
          token = answer.NextToken;
          if (token === undefined) break;
        }
        fragments.sort((a, b) => a.ServerTimestamp - b.ServerTimestamp);
        this.fragments = fragments;
        this.draw(now - windowSeconds * 1000, now, token !== undefined);
        for (const listener of this.listeners) listener(fragments);
      } catch (error) {
        this.status.textContent = describeError(error);
      }
    }
    this.timer = window.setTimeout(() => void this.refresh(), TIMELINE_MS);
  }

  /**
   * @param {number} fromMs
   * @param {number} toMs
   * @param {boolean} more
   */
  draw(fromMs, toMs, more) {
    const fragments = this.fragments;
    const first = fragments[0];
    const last = fragments[fragments.length - 1];
    if (!first || !last) {
      this.status.textContent = "No fragments in this window yet.";
      this.bar.replaceChildren();
      return;
    }
    // The bar spans the fragments themselves (or the window, when they fill most of it).
    const startMs = Math.max(fromMs, first.ServerTimestamp * 1000);
    const endMs = Math.min(Math.max(toMs, last.ServerTimestamp * 1000), last.ServerTimestamp * 1000 + last.FragmentLengthInMilliseconds);
    const span = Math.max(endMs - startMs, 1);
    const bytes = fragments.reduce((sum, fragment) => sum + fragment.FragmentSizeInBytes, 0);
    this.status.textContent =
      `${fragments.length}${more ? "+" : ""} fragments, ${(bytes / 1e6).toFixed(2)} MB, from ${clock(first.ServerTimestamp)} to ${clock(last.ServerTimestamp)}. ` +
      "Click one to play on demand from there.";
    if (this.from) this.from.textContent = clock(startMs / 1000);
    if (this.to) this.to.textContent = clock(endMs / 1000);
    this.bar.replaceChildren(
      ...fragments.map((fragment) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "fragment";
        button.dataset.testid = "fragment";
        button.dataset.fragmentNumber = fragment.FragmentNumber;
        button.title = `Fragment ${fragment.FragmentNumber}: ${clock(fragment.ServerTimestamp)}, ${fragment.FragmentLengthInMilliseconds} ms, ${fragment.FragmentSizeInBytes} bytes`;
        button.setAttribute("aria-label", button.title);
        // The CSSOM, not a style attribute: the page's Content-Security-Policy forbids inline styles.
        button.style.left = `${((fragment.ServerTimestamp * 1000 - startMs) / span) * 100}%`;
        button.style.width = `${Math.max((fragment.FragmentLengthInMilliseconds / span) * 100, 0.2)}%`;
        button.addEventListener("click", () => this.onPick(fragment));
        return button;
      }),
    );
  }
}

/**
 * The clip form: two fragments of the timeline, GetClip over the server timestamps from the first's
 * start to the second's, the MP4 downloaded as <stream>-<start>.mp4.
 * @param {HTMLFormElement} form
 * @param {string} streamName
 * @param {Timeline} timeline
 */
function initClip(form, streamName, timeline) {
  const start = /** @type {HTMLSelectElement} */ (form.querySelector("[data-clip-start]"));
  const end = /** @type {HTMLSelectElement} */ (form.querySelector("[data-clip-end]"));
  const error = /** @type {HTMLElement} */ (form.querySelector("[data-form-error]"));
  timeline.listeners.add((fragments) => {
    fillFragments(start, fragments, "first");
    fillFragments(end, fragments, "last");
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void download();
  });

  async function download() {
    const from = timeline.fragments.find((fragment) => fragment.FragmentNumber === start.value);
    const to = timeline.fragments.find((fragment) => fragment.FragmentNumber === end.value);
    error.hidden = true;
    if (!from || !to) return;
    const startMs = from.ServerTimestamp * 1000;
    const endMs = Math.max(to.ServerTimestamp * 1000, startMs) + 1;
    for (const button of form.querySelectorAll("button")) button.disabled = true;
    try {
      const clip = await callApiForBytes(ARCHIVED, "GetClip", {
        StreamName: streamName,
        ClipFragmentSelector: { FragmentSelectorType: "SERVER_TIMESTAMP", TimestampRange: { StartTimestamp: seconds(startMs), EndTimestamp: seconds(endMs) } },
      });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(clip);
      link.download = `${streamName}-${new Date(startMs).toISOString().replace(/[:.]/g, "-")}.mp4`;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (failure) {
      error.textContent = describeError(failure);
      error.hidden = false;
    } finally {
      for (const button of form.querySelectorAll("button")) button.disabled = false;
    }
  }
}
