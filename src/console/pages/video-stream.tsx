/**
 * One video stream: its settings, a player (client/video.js: hls.js fed by the service's own
 * GetHLSStreamingSessionURL) that plays it LIVE, or ON_DEMAND from a fragment, the fragment timeline
 * (ListFragments over the last ten minutes, hour or day; a fragment clicked plays on demand from
 * there), a strip of images over a time range (GetImages, client/frames.js), a clip of a chosen range
 * of fragments downloaded as .mp4 (GetClip), and the stream's movement alerts (./video-movements.tsx).
 * Every call goes through the console API as the signed-in user.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { ConsoleEnv } from "../auth";
import { formatTime } from "../format";
import { ApiForm, Hidden } from "../forms";
import { Layout, renderFragment, renderPage } from "../layout";
import { describeVideoStream, retentionText, videoStreamPath, type VideoStream } from "../loaders/video";
import { loadMovements, Movements } from "./video-movements";

/** The settings; refreshed every second while the stream is not ACTIVE (CREATING just after the form made it). */
const Facts: FC<{ stream: VideoStream }> = ({ stream }) => (
  <dl
    class="facts"
    data-testid="video-stream-facts"
    data-refresh={stream.Status === "ACTIVE" ? undefined : `${videoStreamPath(stream.StreamName ?? "")}?part=facts`}
    data-refresh-ms="1000"
  >
    <div>
      <dt>Status</dt>
      <dd>
        <span class={`status status-${(stream.Status ?? "ACTIVE").toLowerCase()}`} data-testid="video-stream-status">
          {stream.Status}
        </span>
      </dd>
    </div>
    <div>
      <dt>Media type</dt>
      <dd data-testid="video-stream-media-type">{stream.MediaType ?? "Not set"}</dd>
    </div>
    <div>
      <dt>Retention</dt>
      <dd data-testid="video-stream-retention">{retentionText(stream.DataRetentionInHours)}</dd>
    </div>
    <div>
      <dt>Device</dt>
      <dd>{stream.DeviceName ?? "None"}</dd>
    </div>
    <div>
      <dt>Version</dt>
      <dd class="mono small">{stream.Version}</dd>
    </div>
    <div>
      <dt>Created</dt>
      <dd>{stream.CreationTime === undefined ? "" : formatTime(stream.CreationTime * 1000)}</dd>
    </div>
    <div class="wide">
      <dt>ARN</dt>
      <dd>
        <code>{stream.StreamARN}</code>
      </dd>
    </div>
  </dl>
);

const Player: FC<{ retains: boolean }> = ({ retains }) => (
  <section class="card" data-testid="video-player-card">
    <div class="page-head">
      <h2>Playback</h2>
      <div class="row">
        <button type="button" data-play-live data-testid="play-live" disabled={!retains}>
          Live
        </button>
        <button type="button" class="quiet" data-play-on-demand data-testid="play-on-demand" disabled={!retains}>
          On demand, from the first fragment listed
        </button>
      </div>
    </div>
    <p class="muted small" data-player-status data-testid="player-status" role="status">
      {retains ? "Starting the live view…" : "This stream keeps no media (retention 0): there is nothing to play. Set a retention to watch it here."}
    </p>
    <video class="player" data-player data-testid="video-player" controls muted playsinline />
  </section>
);

const Timeline: FC = () => (
  <section class="card" data-testid="fragment-timeline-card">
    <div class="page-head">
      <h2>Fragments</h2>
      <label>
        <span class="visually-hidden">Window</span>
        <select data-timeline-window data-testid="timeline-window">
          <option value="600">Last 10 minutes</option>
          <option value="3600" selected>
            Last hour
          </option>
          <option value="86400">Last 24 hours</option>
        </select>
      </label>
    </div>
    <p class="muted small" data-timeline-status data-testid="timeline-status" role="status">
      Listing fragments…
    </p>
    <div class="timeline" data-timeline data-testid="fragment-timeline" />
    <div class="timeline-axis muted small">
      <span data-timeline-from />
      <span data-timeline-to />
    </div>
  </section>
);

/** The strip of images (client/frames.js: GetImages, small JPEGs, at most FRAMES images over the range chosen). */
const Frames: FC = () => (
  <section class="card" data-testid="frames-card" data-frames>
    <div class="page-head">
      <h2>Frames</h2>
      <form class="row compact" data-frames-form data-testid="frames-form">
        <label>
          <span class="visually-hidden">Range</span>
          <select name="range" data-frames-range data-testid="frames-range">
            <option value="600" selected>
              Last 10 minutes
            </option>
            <option value="3600">Last hour</option>
            <option value="fragments">Chosen fragments</option>
          </select>
        </label>
        <label data-frames-fragments hidden>
          From the fragment starting at
          <select name="start" data-frames-start data-testid="frames-start" />
        </label>
        <label data-frames-fragments hidden>
          to the end of the fragment starting at
          <select name="end" data-frames-end data-testid="frames-end" />
        </label>
        <button type="submit" data-testid="frames-show">
          Show
        </button>
      </form>
    </div>
    <p class="muted small" data-frames-status data-testid="frames-status" role="status">
      Choose a range, then Show.
    </p>
    <div class="frames" data-frames-strip data-testid="frames-strip" />
  </section>
);

const Clip: FC = () => (
  <section class="card" data-testid="clip-card">
    <h2>Clip</h2>
    <form class="api-form row" data-clip-form data-testid="clip-form">
      <label>
        From the fragment starting at
        <select name="start" required data-clip-start data-testid="clip-start" />
      </label>
      <label>
        to the fragment starting at
        <select name="end" required data-clip-end data-testid="clip-end" />
      </label>
      <button type="submit" data-testid="clip-download">
        Download .mp4
      </button>
      <p class="form-error" data-form-error role="alert" data-testid="clip-error" hidden />
    </form>
  </section>
);

export const videoStreamPages = new Hono<ConsoleEnv>();

videoStreamPages.get("/:name", async (c) => {
  const stream = await describeVideoStream(c, c.req.param("name"));
  const name = stream.StreamName ?? c.req.param("name");
  const retains = (stream.DataRetentionInHours ?? 0) > 0;
  // The settings alone, for the client script's refresh.
  if (c.req.query("part") === "facts") return renderFragment(c, <Facts stream={stream} />);
  const movements = await loadMovements(c, name);
  if (c.req.query("part") === "movements") return renderFragment(c, <Movements streamName={name} data={movements} />);
  return renderPage(
    c,
    <Layout title={name} session={c.get("session")} path={new URL(c.req.url).pathname} crumbs={[{ label: "Video", href: "/console/video" }, { label: name }]}>
      <div class="page-head">
        <h1 data-testid="video-stream-name">{name}</h1>
        <ApiForm action="kinesisvideo/DeleteStream" testId="delete-video-stream" confirm={`Delete the video stream ${name} and all of its media?`} then={{ navigate: "/console/video" }} class="inline-form">
          <Hidden name="StreamARN" value={stream.StreamARN ?? ""} />
          <button type="submit" class="danger quiet">
            Delete
          </button>
        </ApiForm>
      </div>
      <section class="card">
        <Facts stream={stream} />
      </section>
      <div data-video-stream={name} data-retains={String(retains)}>
        <Player retains={retains} />
        {retains ? <Timeline /> : null}
        {retains ? <Frames /> : null}
        {retains ? <Clip /> : null}
        <Movements streamName={name} data={movements} />
      </div>
    </Layout>,
  );
});
