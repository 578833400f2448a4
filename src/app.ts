/**
 * The Hono app: the AWS protocol endpoint (AWS ignores the path, so every POST is an API call) and
 * a health check.
 */
import { Hono } from "hono";
import { serveAwsJson } from "./aws/protocol";
import { systemClock } from "./clock";
import type { Env } from "./env";
import { kinesis } from "./streams/service";

const services = [kinesis];

export const app = new Hono<{ Bindings: Env }>();

app.get("/health", (c) => c.json({ ok: true }));

app.all("*", (c) => serveAwsJson(c.req.raw, c.env, services, systemClock));

app.onError((error, c) => {
  console.error("unhandled error", error);
  return c.json({ __type: "InternalFailure" }, 500);
});
