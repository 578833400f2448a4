/**
 * The console's gatekeeping, as Hono middleware: every page and API route runs behind
 * `requirePageSession` or `requireApiSession`, and every request that changes something behind
 * `sameOrigin`. The session (./session.ts) becomes the caller of every AWS operation the console
 * runs, so the console can do exactly what the API would let that key do.
 *
 * CSRF: the session cookie is SameSite=Strict, state-changing requests must come from the console's
 * own origin (Origin, or Sec-Fetch-Site when a browser sends no Origin), and the JSON API takes
 * only `application/json` bodies, which a cross-site form cannot send.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AwsError, CrossOriginRequest, SignInRequired } from "../aws/errors";
import { toAwsJson } from "../aws/protocol";
import type { Clock } from "../clock";
import type { ApplicationObjects } from "./application-objects";
import { CONSOLE_PATH, consoleAccess, DEFAULT_REGION, isRegion, OPEN_CONSOLE_KEY_ID, readSession, SESSION_COOKIE, type ConsoleSession } from "./session";

/** The console's Hono environment: bindings, the clock, Analytics' application objects and, past the guards, the session. */
export interface ConsoleEnv {
  Bindings: Env;
  Variables: { clock: Clock; applicationObjects: ApplicationObjects; session: ConsoleSession; requestId: string };
}

export type ConsoleContext = Context<ConsoleEnv>;

/** The region of the open console (local, no keys) lives in a plain cookie: there is nothing to sign it with. */
const REGION_COOKIE = "rivulet_region";

/** Gives every request the console's clock, the way to application objects and a request id. */
export function consoleContext(clock: Clock, applicationObjects: ApplicationObjects): MiddlewareHandler<ConsoleEnv> {
  return async function consoleContext(c, next) {
    c.set("clock", clock);
    c.set("applicationObjects", applicationObjects);
    c.set("requestId", crypto.randomUUID());
    await next();
  };
}

/** The session of this request, if any: the signed cookie's, or the open console's. */
export async function currentSession(c: ConsoleContext): Promise<ConsoleSession | undefined> {
  const access = consoleAccess(c.env, c.req.url);
  if (access.mode === "closed") return undefined;
  if (access.mode === "open") {
    const region = getCookie(c, REGION_COOKIE);
    return { keyId: OPEN_CONSOLE_KEY_ID, region: region && isRegion(region) ? region : DEFAULT_REGION, expires: Infinity, mode: "open" };
  }
  return readSession(access, getCookie(c, SESSION_COOKIE), c.get("clock").now());
}

/** Pages: without a session, to the sign-in page (which says why when the console is closed). */
export const requirePageSession: MiddlewareHandler<ConsoleEnv> = async function requirePageSession(c, next) {
  const session = await currentSession(c);
  if (!session) {
    const url = new URL(c.req.url);
    return c.redirect(`${CONSOLE_PATH}/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
  }
  c.set("session", session);
  await next();
};

/** The JSON API: without a session, 401 in AWS's error shape. */
export const requireApiSession: MiddlewareHandler<ConsoleEnv> = async function requireApiSession(c, next) {
  const session = await currentSession(c);
  if (!session) return apiError(c, new SignInRequired());
  c.set("session", session);
  await next();
};

/** Requests that change something must come from the console's own pages. */
export const sameOrigin: MiddlewareHandler<ConsoleEnv> = async function sameOrigin(c, next) {
  if (!isSameOrigin(c)) return apiError(c, new CrossOriginRequest());
  await next();
};

/** Same origin: the same scheme, host and port (a default port written out or not) as the console's. */
function isSameOrigin(c: ConsoleContext): boolean {
  const url = new URL(c.req.url);
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== "null") {
    try {
      // The Host header is what the browser addressed (a front may forward to another address).
      const own = new URL(`${url.protocol}//${c.req.header("host") ?? url.host}`);
      const theirs = new URL(origin);
      return theirs.protocol === own.protocol && theirs.hostname === own.hostname && theirs.port === own.port;
    } catch {
      return false;
    }
  }
  return c.req.header("sec-fetch-site") === "same-origin";
}

/** An error as the AWS JSON protocol answers it, with a request id. */
export function apiError(c: ConsoleContext, error: AwsError): Response {
  return new Response(toAwsJson(error.body()), {
    status: error.status,
    headers: { "content-type": "application/json", "x-amzn-RequestId": c.get("requestId") },
  });
}

/** Whether cookies must be Secure: whenever the console is reached over https. */
function secure(c: ConsoleContext): boolean {
  return new URL(c.req.url).protocol === "https:";
}

export function setSessionCookie(c: ConsoleContext, value: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, value, {
    path: CONSOLE_PATH,
    maxAge: maxAgeSeconds,
    httpOnly: true,
    sameSite: "Strict",
    secure: secure(c),
  });
}

export function setRegionCookie(c: ConsoleContext, region: string): void {
  setCookie(c, REGION_COOKIE, region, { path: CONSOLE_PATH, httpOnly: true, sameSite: "Strict", secure: secure(c) });
}

export function clearSessionCookies(c: ConsoleContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: CONSOLE_PATH, secure: secure(c) });
  deleteCookie(c, REGION_COOKIE, { path: CONSOLE_PATH, secure: secure(c) });
}
