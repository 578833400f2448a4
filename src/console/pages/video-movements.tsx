/**
 * A video stream's movement alerts (Rivulet's own, README "Movement alerts"): the configuration
 * DescribeMotionDetectionConfiguration answers, and, when the events go to a Kinesis data stream here,
 * the latest of them read from it (loaders/video-movements.ts), refreshed every 5 s. An event's fragment
 * and producer time are its own; a click on "Frames" shows the strip of images around it (client/frames.js).
 */
import type { FC } from "hono/jsx";
import { AwsError } from "../../aws/errors";
import type { MovementEvent } from "../../video/events/motion";
import type { ConsoleContext } from "../auth";
import { streamPath } from "../loaders/kinesis";
import { videoStreamPath } from "../loaders/video";
import { describeMotionDetection, kinesisDestinationOf, latestMovements, MOVEMENTS_WINDOW_MS, SHOWN_MOVEMENTS, type MotionDetection } from "../loaders/video-movements";

const REFRESH_MS = 5000;

type Events = { kinesisStream: string } & ({ events: MovementEvent[]; more: boolean } | { error: string });

export interface MovementsData {
  detection: MotionDetection | undefined;
  /** Present when the destination is a Kinesis data stream of the session's account and region. */
  events?: Events;
}

/** The configuration and, from a Kinesis destination, its events; a destination stream that cannot be read says why. */
export async function loadMovements(c: ConsoleContext, streamName: string): Promise<MovementsData> {
  const detection = await describeMotionDetection(c, streamName);
  const kinesisStream = detection === undefined ? undefined : kinesisDestinationOf(c, detection.DestinationConfig.Uri);
  if (kinesisStream === undefined) return { detection };
  try {
    return { detection, events: { kinesisStream, ...(await latestMovements(c, kinesisStream, streamName)) } };
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    return { detection, events: { kinesisStream, error: `${error.type}: ${error.message}` } };
  }
}

/** Epoch milliseconds to the millisecond, in UTC. */
function exactTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace("T", " ").replace("Z", " UTC");
}

const Detection: FC<{ detection: MotionDetection }> = ({ detection }) => (
  <dl class="facts" data-testid="motion-detection">
    <div>
      <dt>Status</dt>
      <dd data-testid="motion-status">{detection.Status}</dd>
    </div>
    <div>
      <dt>Sampling</dt>
      <dd data-testid="motion-sampling">every {detection.SamplingInterval ?? 1000} ms</dd>
    </div>
    <div>
      <dt>Sensitivity</dt>
      <dd data-testid="motion-sensitivity">{detection.Sensitivity ?? 90}</dd>
    </div>
    <div>
      <dt>Minimum area</dt>
      <dd data-testid="motion-min-area">{detection.MinAreaPercent ?? 0.5} %</dd>
    </div>
    <div>
      <dt>Timeline</dt>
      <dd>{detection.ImageSelectorType ?? "PRODUCER_TIMESTAMP"}</dd>
    </div>
    <div class="wide">
      <dt>Destination</dt>
      <dd>
        <code data-testid="motion-destination">{detection.DestinationConfig.Uri}</code>
      </dd>
    </div>
  </dl>
);

const EventList: FC<{ events: Events }> = ({ events }) => {
  if ("error" in events) {
    return (
      <p class="error" data-testid="movement-error">
        {events.error}
      </p>
    );
  }
  if (events.events.length === 0) {
    return (
      <p class="muted" data-testid="no-movements">
        No movement in the last {MOVEMENTS_WINDOW_MS / 60_000} minutes.
      </p>
    );
  }
  return (
    <div class="table-wrap">
      <table data-testid="movement-events">
        <thead>
          <tr>
            <th>Producer time</th>
            <th>Fragment</th>
            <th>Changed region (x, y, width x height)</th>
            <th class="num">Changed</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {events.events.map((event) => (
            <tr data-testid="movement-event" data-fragment-number={event.FragmentNumber} data-producer-ms={String(event.ProducerTimestamp)} data-server-ms={String(event.ServerTimestamp)}>
              <td class="mono small">{exactTime(event.ProducerTimestamp)}</td>
              <td class="mono small">{event.FragmentNumber}</td>
              <td class="mono small">
                {event.Region.X}, {event.Region.Y}, {event.Region.Width} x {event.Region.Height} of {event.PictureWidth} x {event.PictureHeight}
              </td>
              <td class="num">{event.ChangedPercent} %</td>
              <td>
                <button type="button" class="quiet" data-frames-at={String(event.ServerTimestamp)} data-testid="movement-frames">
                  Frames
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.more ? <p class="muted small">The newest {SHOWN_MOVEMENTS} are shown.</p> : null}
    </div>
  );
};

/** The card; with a Kinesis destination it is rendered again every 5 s (`?part=movements`). */
export const Movements: FC<{ streamName: string; data: MovementsData }> = ({ streamName, data }) => (
  <section
    class="card"
    data-testid="movements-card"
    data-refresh={data.events ? `${videoStreamPath(streamName)}?part=movements` : undefined}
    data-refresh-ms={String(REFRESH_MS)}
  >
    <h2>Movement</h2>
    {data.detection === undefined ? (
      <p class="muted" data-testid="no-motion-detection">
        Movement alerts are off for this stream: turn them on with UpdateMotionDetectionConfiguration (see the README's "Movement alerts").
      </p>
    ) : (
      <>
        <Detection detection={data.detection} />
        {data.events ? (
          <>
            <h3>
              Latest events in <a href={`${streamPath(data.events.kinesisStream)}/data`}>{data.events.kinesisStream}</a>
            </h3>
            <EventList events={data.events} />
          </>
        ) : (
          <p class="muted" data-testid="movements-elsewhere">
            The events go to an HTTPS endpoint or another account's or region's stream: the console cannot read them back.
          </p>
        )}
      </>
    )}
  </section>
);
