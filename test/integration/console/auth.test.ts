/**
 * The console's gate, inside the Workers runtime: who gets in (sign-in with a configured key, the
 * open local console, the closed deployment), how long a session lasts (the console's clock is moved,
 * not waited for), what a forged or stale cookie gets, and that the console API is the AWS API's
 * own path (same validation errors, same resource policies).
 */
import { exports as workersExports } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createConsole } from "../../../src/console/app";
import { call, createActiveStream, env, streamArn, TestClock, uniqueName } from "../client";

const KEY_ID = "AKIDCONSOLETEST";
const SECRET = "console-test-secret-0123456789";
const KEYS = `${KEY_ID}:${SECRET},AKIDOTHER:other-secret`;
const ORIGIN = "https://rivulet.example";
const TWELVE_HOURS = 12 * 60 * 60 * 1000;

const clock = new TestClock();
const site = new Hono<{ Bindings: Env }>().route("/console", createConsole(clock));
const worker = (workersExports as unknown as { default: Fetcher }).default;

/** A deployment's settings: keys configured (the default here), none, local or not. */
function settings(overrides: Partial<Env> = {}): Env {
  return { ...env, RIVULET_LOCAL: undefined, RIVULET_ACCESS_KEYS: KEYS, ...overrides };
}

interface Sent {
  status: number;
  headers: Headers;
  text: string;
}

async function send(path: string, init: RequestInit & { cookie?: string } = {}, environment = settings()): Promise<Sent> {
  const headers = new Headers(init.headers);
  if (init.cookie !== undefined) headers.set("cookie", init.cookie);
  const response = await site.request(`${ORIGIN}${path}`, { ...init, headers, redirect: "manual" }, environment);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    body: new URLSearchParams(fields).toString(),
  };
}

function apiCall(operation: string, input: unknown, cookie?: string, service = "kinesis"): Promise<Sent> {
  return send(`/console/api/${service}/${operation}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify(input),
    cookie,
  });
}

/** Signs in and answers the session cookie ("name=value"). */
async function signIn(keyId = KEY_ID, secret = SECRET, region = "us-east-1"): Promise<string> {
  const answer = await send("/console/sign-in", form({ keyId, secret, region, next: "/console/streams" }));
  expect(answer.status).toBe(303);
  const cookie = answer.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0] ?? "";
}

function json(sent: Sent): unknown {
  return JSON.parse(sent.text);
}

describe("console sign-in", () => {
  it("sends pages to the sign-in page and answers the API 401 without a session", async () => {
    const page = await send("/console/streams");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/console/sign-in?next=%2Fconsole%2Fstreams");

    const api = await apiCall("ListStreams", {});
    expect(api.status).toBe(401);
    expect(json(api)).toEqual({ __type: "SignInRequired", message: "Sign in to the console first." });
    expect((await send("/console/api/metrics/stream/anything?range=1h")).status).toBe(401);

    const signInPage = await send("/console/sign-in");
    expect(signInPage.status).toBe(200);
    expect(signInPage.text).toContain('data-testid="sign-in-form"');
  });

  it("refuses a wrong secret and an unknown key with one message", async () => {
    for (const [keyId, secret] of [
      [KEY_ID, "not-the-secret"],
      ["AKIDNOBODY", SECRET],
    ] as const) {
      const answer = await send("/console/sign-in", form({ keyId, secret, region: "us-east-1" }));
      expect(answer.status).toBe(401);
      expect(answer.headers.get("set-cookie")).toBeNull();
      expect(answer.text).toContain("The access key ID or the secret access key is wrong.");
    }
  });

  it("signs in with a configured key: an HttpOnly, SameSite=Strict cookie for 12 hours that opens pages and the API", async () => {
    const answer = await send("/console/sign-in", form({ keyId: KEY_ID, secret: SECRET, region: "eu-west-1", next: "/console/streams" }));
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/console/streams");
    const setCookie = answer.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^rivulet_session=[\w-]+\.[\w-]+; /);
    expect(setCookie).toContain("Max-Age=43200");
    expect(setCookie).toContain("Path=/console");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Secure");
    const cookie = setCookie.split(";")[0] ?? "";

    const page = await send("/console/streams", { cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-testid="signed-in-as"`);
    expect(page.text).toContain(KEY_ID);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");

    // The session's region scopes what the console sees: a stream made in eu-west-1 through it.
    const name = uniqueName("console-region");
    expect((await apiCall("CreateStream", { StreamName: name, ShardCount: 1 }, cookie)).status).toBe(200);
    const listed = json(await apiCall("ListStreams", {}, cookie)) as { StreamNames: string[] };
    expect(listed.StreamNames).toContain(name);
    const inUsEast = await call<{ StreamNames: string[] }>("ListStreams", {});
    expect(inUsEast.body.StreamNames).not.toContain(name);
  });

  it("does not go anywhere outside the console after signing in", async () => {
    const answer = await send("/console/sign-in", form({ keyId: KEY_ID, secret: SECRET, region: "us-east-1", next: "https://evil.example/" }));
    expect(answer.headers.get("location")).toBe("/console/streams");
  });

  it("refuses forged, foreign and revoked cookies", async () => {
    const cookie = await signIn();
    const [name, value = ""] = cookie.split("=");
    const [payload = "", signature = ""] = value.split(".");
    const otherPayload = btoa(JSON.stringify({ keyId: KEY_ID, region: "us-east-1", expires: Date.now() + 10 * TWELVE_HOURS }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const forged = [`${name}=${otherPayload}.${signature}`, `${name}=${payload}.${signature.slice(0, -2)}AA`, `${name}=garbage`, `${name}=`];
    for (const bad of forged) {
      expect((await send("/console/streams", { cookie: bad })).status, bad).toBe(302);
      expect((await apiCall("ListStreams", {}, bad)).status, bad).toBe(401);
    }
    // A session of another key cannot be passed off by changing the key id.
    const other = await signIn("AKIDOTHER", "other-secret");
    const otherValue = other.split("=")[1] ?? "";
    const renamed = `${name}=${btoa(JSON.stringify({ keyId: KEY_ID, region: "us-east-1", expires: Date.now() + TWELVE_HOURS })).replace(/=+$/, "")}.${otherValue.split(".")[1] ?? ""}`;
    expect((await send("/console/streams", { cookie: renamed })).status).toBe(302);

    // Removing the key, or rotating its secret, ends its sessions.
    expect((await send("/console/streams", { cookie }, settings({ RIVULET_ACCESS_KEYS: "AKIDOTHER:other-secret" }))).status).toBe(302);
    expect((await send("/console/streams", { cookie }, settings({ RIVULET_ACCESS_KEYS: `${KEY_ID}:a-new-secret` }))).status).toBe(302);
    expect((await send("/console/streams", { cookie })).status).toBe(200);
  });

  it("ends a session after 12 hours", async () => {
    const cookie = await signIn();
    clock.advance(TWELVE_HOURS - 60_000);
    expect((await send("/console/streams", { cookie })).status).toBe(200);
    clock.advance(60_000);
    expect((await send("/console/streams", { cookie })).status).toBe(302);
    expect((await apiCall("ListStreams", {}, cookie)).status).toBe(401);
  });

  it("signs out by clearing the cookie", async () => {
    const cookie = await signIn();
    const answer = await send("/console/sign-out", { ...form({}), cookie });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/console/sign-in");
    expect(answer.headers.get("set-cookie")).toMatch(/^rivulet_session=; Max-Age=0/);
  });

  it("is closed to everyone when deployed without keys", async () => {
    const closed = settings({ RIVULET_ACCESS_KEYS: undefined });
    const signInPage = await send("/console/sign-in", {}, closed);
    expect(signInPage.status).toBe(403);
    expect(signInPage.text).toContain('data-testid="console-closed"');
    expect((await send("/console/sign-in", form({ keyId: KEY_ID, secret: SECRET, region: "us-east-1" }), closed)).status).toBe(403);
    expect((await send("/console/streams", {}, closed)).status).toBe(302);
    const api = await send(
      "/console/api/kinesis/ListStreams",
      { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN }, body: "{}" },
      closed,
    );
    expect(api.status).toBe(401);
  });

  it("switches the session to another region, which then scopes what the console does", async () => {
    const cookie = await signIn();
    const answer = await send("/console/region", { ...form({ region: "ap-south-1", next: "/console/streams" }), cookie });
    expect(answer.status).toBe(303);
    const switched = (answer.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(switched).not.toBe(cookie);
    const name = uniqueName("console-switched");
    expect((await apiCall("CreateStream", { StreamName: name, ShardCount: 1 }, switched)).status).toBe(200);
    expect((json(await apiCall("ListStreams", {}, switched)) as { StreamNames: string[] }).StreamNames).toEqual([name]);
    expect((json(await apiCall("ListStreams", {}, cookie)) as { StreamNames: string[] }).StreamNames).not.toContain(name);
    // Not a region: nothing changes.
    expect((await send("/console/region", { ...form({ region: "not a region" }), cookie })).headers.get("set-cookie")).toBeNull();
  });

  it("is open under npm start without keys, and says so", async () => {
    // The Worker itself, as `npm start` and the tests configure it: RIVULET_LOCAL=1, no keys.
    const response = await worker.fetch(`${ORIGIN}/console/streams`, { redirect: "manual" });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('data-testid="open-banner"');
    expect(page).toContain("no access keys are configured");
    const stylesheet = await worker.fetch(`${ORIGIN}/console/static/console.css`);
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await stylesheet.text()).toContain(".chart-grid");

    // The open console's region is a plain cookie: there is no key to sign it with.
    const switched = await worker.fetch(`${ORIGIN}/console/region`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: "region=eu-central-1&next=%2Fconsole%2Fstreams",
      redirect: "manual",
    });
    expect(switched.status).toBe(303);
    const cookie = (switched.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toBe("rivulet_region=eu-central-1");
    const inFrankfurt = await (await worker.fetch(`${ORIGIN}/console/streams`, { headers: { cookie } })).text();
    expect(inFrankfurt).toContain('value="eu-central-1"');
  });
});

describe("console API", () => {
  it("answers AWS's validation errors, word for word as the AWS API does", async () => {
    const cookie = await signIn();
    const input = { StreamName: "no spaces allowed", ShardCount: 0 };
    const viaConsole = await apiCall("CreateStream", input, cookie);
    const viaApi = await call("CreateStream", input);
    expect(viaConsole.status).toBe(400);
    expect(json(viaConsole)).toEqual(viaApi.body);
    expect(json(viaConsole)).toMatchObject({ __type: "ValidationException", message: expect.stringMatching(/^2 validation errors detected: /) });

    expect(json(await apiCall("DescribeStreamSummary", { StreamName: "missing-stream" }, cookie))).toEqual(
      (await call("DescribeStreamSummary", { StreamName: "missing-stream" })).body,
    );
    expect(json(await apiCall("NoSuchOperation", {}, cookie))).toEqual({ __type: "UnknownOperationException" });
    expect(json(await apiCall("ListStreams", {}, cookie, "sqs"))).toEqual({ __type: "UnknownOperationException" });
  });

  it("refuses what a resource policy denies the signed-in key, as the AWS API would", async () => {
    const stream = await createActiveStream(1);
    const cookie = await signIn();
    const userArn = `arn:aws:iam::000000000000:user/${KEY_ID}`;
    const policy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Principal: { AWS: userArn }, Action: ["kinesis:PutRecord", "kinesis:DescribeStreamSummary"], Resource: streamArn(stream.name) }],
    };
    expect((await call("PutResourcePolicy", { ResourceARN: stream.arn, Policy: JSON.stringify(policy) })).status).toBe(200);

    const put = await apiCall("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: btoa("hi") }, cookie);
    expect(put.status).toBe(400);
    expect(json(put)).toEqual({
      __type: "AccessDeniedException",
      message: `User: ${userArn} is not authorized to perform: kinesis:PutRecord on resource: ${stream.arn} with an explicit deny in a resource-based policy`,
    });
    // The pages read through the same path: the stream's page is refused too, and so are its metrics.
    const page = await send(`/console/streams/${stream.name}/data`, { cookie });
    expect(page.status).toBe(403);
    expect(page.text).toContain("kinesis:DescribeStreamSummary");
    expect((await send(`/console/api/metrics/stream/${stream.name}`, { cookie })).status).toBe(400);
    // Another key is not denied.
    const other = await signIn("AKIDOTHER", "other-secret");
    expect((await apiCall("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: btoa("hi") }, other)).status).toBe(200);
  });

  it("reads records back as the AWS API answers them: Data in base64, in order", async () => {
    const stream = await createActiveStream(1);
    const cookie = await signIn();
    const keys = ["first", "second €"];
    for (const [i, key] of keys.entries()) {
      expect((await apiCall("PutRecord", { StreamName: stream.name, PartitionKey: key, Data: btoa(`record ${i}`) }, cookie)).status).toBe(200);
    }
    const iterator = json(
      await apiCall("GetShardIterator", { StreamName: stream.name, ShardId: stream.shardIds[0], ShardIteratorType: "TRIM_HORIZON" }, cookie),
    ) as { ShardIterator: string };
    const read = await apiCall("GetRecords", { ShardIterator: iterator.ShardIterator }, cookie);
    expect(read.status).toBe(200);
    const answer = json(read) as { Records: { Data: string; PartitionKey: string }[]; MillisBehindLatest: number; NextShardIterator: string };
    expect(answer.Records.map((record) => [record.PartitionKey, record.Data])).toEqual(keys.map((key, i) => [key, btoa(`record ${i}`)]));
    expect(answer.MillisBehindLatest).toBe(0);
    expect(answer.NextShardIterator).toEqual(expect.any(String));
  });

  it("takes only same-origin JSON posts", async () => {
    const cookie = await signIn();
    const crossSite = await send("/console/api/kinesis/ListStreams", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: "{}",
      cookie,
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await send("/console/api/kinesis/ListStreams", { method: "POST", headers: { "content-type": "application/json" }, body: "{}", cookie });
    expect(noOrigin.status).toBe(403);
    const sameSite = await send("/console/api/kinesis/ListStreams", {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: "{}",
      cookie,
    });
    expect(sameSite.status).toBe(200);
    const formPost = await send("/console/api/kinesis/ListStreams", {
      method: "POST",
      headers: { "content-type": "text/plain", origin: ORIGIN },
      body: "{}",
      cookie,
    });
    expect(formPost.status).toBe(415);
    expect((await send("/console/sign-out", { method: "POST", headers: { origin: "https://evil.example" }, cookie })).status).toBe(403);
    // The same host is not the same origin under another scheme or port.
    const from = (origin: string) =>
      send("/console/api/kinesis/ListStreams", { method: "POST", headers: { "content-type": "application/json", origin }, body: "{}", cookie });
    expect((await from("http://rivulet.example")).status).toBe(403);
    expect((await from("https://rivulet.example:8443")).status).toBe(403);
    expect((await from("https://rivulet.example:443")).status).toBe(200);
    const badJson = await send("/console/api/kinesis/ListStreams", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: "{not json",
      cookie,
    });
    expect(json(badJson)).toEqual({ __type: "SerializationException" });
  });
});
