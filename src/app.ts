/**
 * The Hono app: Lambda's event source mapping API (REST: its own paths, so it comes first), the AWS
 * JSON protocol endpoint (AWS ignores the path, so every other request is an API call) and a health
 * check.
 */
import { Hono } from "hono";
import { serveAwsJson } from "./aws/protocol";
import { systemClock } from "./clock";
import type { Env } from "./env";
import { localObjects } from "./firehose/local-objects";
import { firehose } from "./firehose/service";
import { kinesis } from "./streams/service";
import { lambdaApi } from "./triggers/api";

const services = [kinesis, firehose];

export const app = new Hono<{ Bindings: Env }>();

app.get("/health", (c) => c.json({ ok: true }));

app.route("/", lambdaApi);

// Local development only: read what Firehose delivered to R2 (answers 404 when deployed).
app.route("/_rivulet/r2", localObjects);

app.all("*", (c) => serveAwsJson(c.req.raw, c.env, services, systemClock));

app.onError((error, c) => {
  console.error("unhandled error", error);
  return c.json({ __type: "InternalFailure" }, 500);
});
