/**
 * The console's bridge to the services: `POST /console/api/<service>/<Operation>` takes an
 * operation's AWS JSON input and answers its AWS JSON output (blobs base64, timestamps epoch
 * seconds) or AWS's error body, and `callAws` does the same for the pages' own server-side reads.
 * Both run the API's operation definitions through invokeOperation (src/aws/protocol.ts) with the
 * session's key as the caller and its region as the scope: the same validation, the same handlers,
 * the same resource policies; the console has no way in that the API lacks.
 *
 * Metrics (src/metrics/query.ts) are served as JSON at `GET /console/api/metrics/stream/<name>` and
 * `/console/api/metrics/firehose/<name>`, `?range=1h|24h|7d` (default 1h), `&shard=<id>` for a
 * shard's; the stream or delivery stream is described first, as the caller, so a missing one or a
 * denying policy answers as the API would.
 *
 * Objects: `PUT /console/api/s3/<bucket>/<key>` uploads the request's body (its Content-Type kept)
 * and `DELETE /console/api/s3/<bucket>/<key>` deletes, through S3's PutObject and DeleteObject run as
 * the signed-in user (./s3-objects.ts); errors come back in AWS's JSON shape with S3's codes. Like
 * every change, they must come from the console's own pages (sameOrigin); a cross-site form cannot
 * send PUT or DELETE, and a cross-site script would need a CORS preflight the console never grants.
 *
 * Analytics is served as both of its API versions (`kinesisanalytics`, `kinesisanalyticsv2`); an
 * application's live rows are JSON of ./live-rows.ts, at `GET /console/api/analytics/...`.
 *
 * Video is served as two of its REST-JSON APIs, by the CLI's names: `kinesisvideo` (the streams, and
 * Rivulet's movement alerts' configuration) and `kinesis-video-archived-media` (ListFragments, the HLS
 * and DASH session URLs, GetClip, GetImages), their input
 * as AWS JSON too, run through invokeRestOperation (aws/rest-json.ts) and answered as the API answers
 * them: JSON, or GetClip's MP4 bytes. Session URLs name the origin the console was reached at.
 * PutMedia and GetMedia (streams both ways) are not served.
 *
 * Differences from the AWS API: SubscribeToShard is not served (the console reads with GetRecords);
 * requests carry no signature (the session is the authentication).
 */
import { Hono } from "hono";
import { analyticsV1, analyticsV2 } from "../analytics/service";
import { InvalidArgumentException, NotServedByConsole, SerializationException, UnknownOperationException, UnsupportedContentType } from "../aws/errors";
import { accountOf, asAwsError, EventStreamOutput, invokeOperation, toAwsJson, type AwsJsonService } from "../aws/protocol";
import { invokeRestOperation, type RestJsonService } from "../aws/rest-json";
import { firehose } from "../firehose/service";
import { readDeliveryStreamMetrics, readStreamMetrics, type MetricRange, type MetricsAnswer } from "../metrics/query";
import { kinesis } from "../streams/service";
import { kinesisVideoArchivedMedia } from "../video/data-services";
import { kinesisVideo, kinesisVideoMotion } from "../video/service";
import { apiError, requireApiSession, sameOrigin, type ConsoleContext, type ConsoleEnv } from "./auth";
import { callS3, objectPath } from "./s3-objects";
import { readApiText } from "./bodies";
import { callerOf } from "./session";
import type { Scope } from "../aws/scope";

/** The AWS JSON services the console speaks to, by the name in its API's paths (Analytics' as the CLI names its two versions). */
const JSON_SERVICES = { kinesis, firehose, kinesisanalytics: analyticsV1, kinesisanalyticsv2: analyticsV2 } as const satisfies Record<string, AwsJsonService>;
/**
 * The control plane as the wire serves it on its one signing name: AWS's operations and Rivulet's
 * movement alerts (UpdateMotionDetectionConfiguration, DescribeMotionDetectionConfiguration).
 */
const kinesisVideoControl: RestJsonService = { ...kinesisVideo, operations: [...kinesisVideo.operations, ...kinesisVideoMotion.operations] };
/** Video's REST-JSON APIs, by the CLI's names: the control plane, and the archived media (ListFragments, HLS, GetClip, GetImages). */
const REST_SERVICES = { kinesisvideo: kinesisVideoControl, "kinesis-video-archived-media": kinesisVideoArchivedMedia } as const satisfies Record<string, RestJsonService>;
export type ConsoleService = keyof typeof JSON_SERVICES | keyof typeof REST_SERVICES;

type Served = { protocol: "json"; service: AwsJsonService } | { protocol: "rest"; service: RestJsonService };

const METRIC_RANGES: readonly MetricRange[] = ["1h", "24h", "7d"];

function serviceNamed(name: string): Served | undefined {
  if (Object.hasOwn(JSON_SERVICES, name)) return { protocol: "json", service: JSON_SERVICES[name as keyof typeof JSON_SERVICES] };
  if (Object.hasOwn(REST_SERVICES, name)) return { protocol: "rest", service: REST_SERVICES[name as keyof typeof REST_SERVICES] };
  return undefined;
}

/**
 * Runs an operation as the signed-in user and answers its output as it travels on the wire
 * (base64 blobs, epoch-second timestamps): the shape the pages and the client script both read.
 * `T` is the caller's reading of AWS's documented output shape. Throws AwsError.
 */
export async function callAws<T>(c: ConsoleContext, service: ConsoleService, operation: string, input: object): Promise<T> {
  const served = serviceNamed(service);
  if (!served) throw new UnknownOperationException();
  return (await (await invokeAs(c, served, operation, input)).json()) as T;
}

/**
 * The operation's answer as the API sends it: AWS JSON for the JSON services; for REST-JSON ones
 * (Video) the model's answer, so GetClip's MP4 comes back as bytes with its Content-Type.
 */
async function invokeAs(c: ConsoleContext, served: Served, operation: string, input: unknown): Promise<Response> {
  const invocation = {
    env: c.env,
    caller: callerOf(c.get("session"), served.service.signingName),
    clock: c.get("clock"),
    requestId: c.get("requestId"),
  };
  if (served.protocol === "rest") return invokeRestOperation(served.service, operation, input, { ...invocation, request: c.req.raw });
  const output = await invokeOperation(served.service, operation, input, invocation);
  if (output instanceof EventStreamOutput) {
    await output.body.cancel();
    throw new NotServedByConsole(operation);
  }
  return new Response(toAwsJson(output ?? {}), { status: 200, headers: { "content-type": "application/json", "x-amzn-RequestId": invocation.requestId } });
}

/** A page's range: the one asked for, or the last hour. */
export function metricRange(value: string | undefined): MetricRange {
  return METRIC_RANGES.find((range) => range === value) ?? "1h";
}

/** The JSON API's range: the one asked for (default the last hour); anything else is refused. */
function apiMetricRange(value: string | undefined): MetricRange {
  if (value === undefined) return "1h";
  const range = METRIC_RANGES.find((candidate) => candidate === value);
  if (!range) throw new InvalidArgumentException(`range must be one of ${METRIC_RANGES.join(", ")}.`);
  return range;
}

/** A stream's metrics, read once DescribeStreamSummary (as the caller) found the stream and allowed it. */
export async function streamMetrics(c: ConsoleContext, streamName: string, range: MetricRange, shardId?: string): Promise<MetricsAnswer> {
  await callAws(c, "kinesis", "DescribeStreamSummary", { StreamName: streamName });
  return readStreamMetrics(c.env, scopeOf(c), { streamName, range, now: c.get("clock").now(), ...(shardId !== undefined && { shardId }) });
}

/** A delivery stream's metrics, read once DescribeDeliveryStream (as the caller) found it. */
export async function deliveryStreamMetrics(c: ConsoleContext, deliveryStreamName: string, range: MetricRange): Promise<MetricsAnswer> {
  await callAws(c, "firehose", "DescribeDeliveryStream", { DeliveryStreamName: deliveryStreamName });
  return readDeliveryStreamMetrics(c.env, scopeOf(c), { deliveryStreamName, range, now: c.get("clock").now() });
}

/** The account and region the session acts in, as operations see them. */
export function scopeOf(c: ConsoleContext): Scope {
  return { account: accountOf(c.env), region: c.get("session").region };
}

export const consoleApi = new Hono<ConsoleEnv>();

consoleApi.use("*", requireApiSession);

consoleApi.post("/:service/:operation", sameOrigin, async (c) => {
  const contentType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json") return apiError(c, new UnsupportedContentType());
  const service = serviceNamed(c.req.param("service"));
  if (!service) return apiError(c, new UnknownOperationException());
  try {
    const text = await readApiText(c);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new SerializationException();
    }
    return await invokeAs(c, service, c.req.param("operation"), input);
  } catch (error) {
    return apiError(c, asAwsError(error, c.get("requestId")));
  }
});

consoleApi.get("/metrics/stream/:name", async (c) => {
  try {
    const answer = await streamMetrics(c, c.req.param("name"), apiMetricRange(c.req.query("range")), c.req.query("shard"));
    return c.json(answer);
  } catch (error) {
    return apiError(c, asAwsError(error, c.get("requestId")));
  }
});

consoleApi.get("/metrics/firehose/:name", async (c) => {
  try {
    return c.json(await deliveryStreamMetrics(c, c.req.param("name"), apiMetricRange(c.req.query("range"))));
  } catch (error) {
    return apiError(c, asAwsError(error, c.get("requestId")));
  }
});

consoleApi.put("/s3/:bucket/:key{.+}", sameOrigin, async (c) => {
  try {
    const headers = new Headers({ "content-type": c.req.header("content-type") ?? "application/octet-stream" });
    const length = c.req.header("content-length");
    if (length !== undefined) headers.set("content-length", length);
    const answer = await callS3(c, objectPath(c.req.param("bucket"), c.req.param("key")), { method: "PUT", headers, body: c.req.raw.body });
    return c.json({ ETag: answer.headers.get("etag") ?? "" });
  } catch (error) {
    return apiError(c, asAwsError(error, c.get("requestId")));
  }
});

consoleApi.delete("/s3/:bucket/:key{.+}", sameOrigin, async (c) => {
  try {
    await callS3(c, objectPath(c.req.param("bucket"), c.req.param("key")), { method: "DELETE" });
    return c.json({});
  } catch (error) {
    return apiError(c, asAwsError(error, c.get("requestId")));
  }
});

consoleApi.all("*", (c) => apiError(c, new UnknownOperationException()));
