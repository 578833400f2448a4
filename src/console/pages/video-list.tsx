/**
 * Video: the region's video streams (one ListStreams page) with their status, media type, retention
 * and creation time, refreshed every five seconds; creating a stream and deleting one, through the
 * same CreateStream and DeleteStream as `aws kinesisvideo`.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { ConsoleEnv } from "../auth";
import { formatTime } from "../format";
import { ApiForm, Hidden } from "../forms";
import { Layout, renderFragment, renderPage } from "../layout";
import { LISTED_VIDEO_STREAMS, listVideoStreams, retentionText, videoStreamPath, type VideoStream } from "../loaders/video";

const VideoStreamsTable: FC<{ streams: VideoStream[]; more: boolean }> = ({ streams, more }) => (
  <div class="table-wrap" data-testid="video-streams-table" data-refresh="/console/video?part=table" data-refresh-ms="5000">
    {streams.length === 0 ? (
      <p class="muted" data-testid="no-video-streams">
        No video streams in this region yet.
      </p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Media type</th>
            <th class="num">Retention</th>
            <th>Created</th>
            <th>
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {streams.map((stream) => {
            const name = stream.StreamName ?? "";
            const status = stream.Status ?? "ACTIVE";
            return (
              <tr data-testid={`video-stream-row-${name}`}>
                <td data-label="Name">
                  <a href={videoStreamPath(name)} data-testid="video-stream-link">
                    {name}
                  </a>
                </td>
                <td data-label="Status">
                  <span class={`status status-${status.toLowerCase()}`} data-testid="video-stream-status">
                    {status}
                  </span>
                </td>
                <td data-label="Media type" data-testid="video-stream-media-type">
                  {stream.MediaType ?? <span class="muted">Not set</span>}
                </td>
                <td data-label="Retention" class="num" data-testid="video-stream-retention">
                  {retentionText(stream.DataRetentionInHours)}
                </td>
                <td data-label="Created">{stream.CreationTime === undefined ? "" : formatTime(stream.CreationTime * 1000)}</td>
                <td class="actions">
                  <ApiForm
                    action="kinesisvideo/DeleteStream"
                    testId="delete-video-stream"
                    confirm={`Delete the video stream ${name} and all of its media?`}
                    class="inline-form"
                  >
                    <Hidden name="StreamARN" value={stream.StreamARN ?? ""} />
                    <button type="submit" class="danger quiet" disabled={status === "DELETING"}>
                      Delete
                    </button>
                  </ApiForm>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    )}
    {more ? <p class="muted">Showing the first {LISTED_VIDEO_STREAMS} video streams.</p> : null}
  </div>
);

const CreateVideoStreamForm: FC = () => (
  <details class="card" data-testid="create-video-stream">
    <summary>Create video stream</summary>
    <ApiForm action="kinesisvideo/CreateStream" testId="create-video-stream-form" then={{ navigate: "/console/video/{StreamName}" }} class="api-form row">
      <label>
        Name
        <input name="StreamName" required maxlength={256} pattern="[a-zA-Z0-9_.\-]+" data-testid="new-video-stream-name" />
      </label>
      <label>
        Media type
        <input name="MediaType" value="video/h264" maxlength={128} data-testid="new-video-stream-media-type" />
      </label>
      <label>
        Retention (hours; 0 keeps nothing)
        <input name="DataRetentionInHours" type="number" min={0} value="24" data-type="number" data-testid="new-video-stream-retention" />
      </label>
      <label>
        Device name
        <input name="DeviceName" maxlength={128} />
      </label>
      <button type="submit" data-testid="create-video-stream-submit">
        Create
      </button>
    </ApiForm>
  </details>
);

export const videoListPages = new Hono<ConsoleEnv>();

videoListPages.get("/", async (c) => {
  const { streams, more } = await listVideoStreams(c);
  // The table alone, for the client script's refresh (a query, since any path segment could be a stream's name).
  if (c.req.query("part") === "table") return renderFragment(c, <VideoStreamsTable streams={streams} more={more} />);
  return renderPage(
    c,
    <Layout title="Video" session={c.get("session")} path={new URL(c.req.url).pathname}>
      <div class="page-head">
        <h1>Video streams</h1>
        <span class="muted">{c.get("session").region}</span>
      </div>
      <CreateVideoStreamForm />
      <section class="card">
        <VideoStreamsTable streams={streams} more={more} />
      </section>
    </Layout>,
  );
});
