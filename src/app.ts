/**
 * The Hono app: S3's REST API over R2 (requests signed for "s3"), Kinesis Video Streams'
 * REST-JSON APIs (their operations' paths, or requests signed for "kinesisvideo"), Lambda's event
 * source mapping API (REST: its own paths, so it comes before the rest), the AWS JSON protocol
 * endpoint (AWS ignores the path, so every other request is an API call), the web console at
 * /console and a health check. CORS (aws/cors.ts) wraps every API's answers, not the console's.
 */
import { Hono } from "hono";
import { cors } from "./aws/cors";
import { analyticsV1, analyticsV2 } from "./analytics/service";
import { serveAwsJson } from "./aws/protocol";
import { isRestJsonRequest, serveRestJson } from "./aws/rest-json";
import { systemClock } from "./clock";
import { consoleApp } from "./console/app";
import { firehose } from "./firehose/service";
import { kinesis } from "./streams/service";
import { isS3Request, serveS3 } from "./s3/api";
import { lambdaApi } from "./triggers/api";
import { kinesisVideoArchivedMedia, kinesisVideoMedia, kinesisVideoPlayback, kinesisVideoPutMedia } from "./video/data-services";
import { kinesisVideo, kinesisVideoMotion } from "./video/service";

const services = [kinesis, firehose, analyticsV1, analyticsV2];

/** REST-JSON services (aws/rest-json.ts): one line per model's table. */
const restJsonServices = [kinesisVideo, kinesisVideoMotion, kinesisVideoMedia, kinesisVideoPutMedia, kinesisVideoArchivedMedia, kinesisVideoPlayback];

export const app = new Hono<{ Bindings: Env }>();

// First, so that preflights are answered before any signature is looked at, and every API's
// answers (errors too) carry the CORS headers.
app.use("*", cors);

app.get("/health", (c) => c.json({ ok: true }));

// The web console (src/console/): its own paths, ahead of S3's and the AWS protocol's catch-alls.
app.route("/console", consoleApp);

// S3's REST API (over R2): told apart by the signature's service, since its paths are
// bucket names and keys that could be anything.
app.use("*", async (c, next) => (isS3Request(c.req.raw) ? serveS3(c.req.raw, c.env, systemClock) : next()));

// Kinesis Video Streams: after S3, whose bucket paths (`/hls/...`) could look like theirs but whose
// requests are signed for "s3"; before the AWS JSON catch-all, which the `X-Amz-Target` header of
// its requests keeps out of these routes.
app.use("*", async (c, next) =>
  isRestJsonRequest(c.req.raw, restJsonServices) ? serveRestJson(c.req.raw, c.env, restJsonServices, systemClock) : next(),
);

app.route("/", lambdaApi);

app.all("*", (c) => serveAwsJson(c.req.raw, c.env, services, systemClock));

app.onError((error, c) => {
  console.error("unhandled error", error);
  return c.json({ __type: "InternalFailure" }, 500);
});
