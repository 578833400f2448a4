/**
 * What a function name, a function ARN or an endpoint URL names, for every service that calls
 * functions or endpoints (stream-triggered consumers, Firehose's Lambda processor and HTTP endpoint
 * destination). Rivulet has no Lambda functions; instead the name is one of:
 * - a binding of this Worker that is a Cloudflare Queue producer: batches are sent to the queue;
 * - a binding that is a service binding: batches are POSTed to that Worker;
 * - an `https://` URL: batches are POSTed there. Where loopback is allowed (in local mode:
 *   `npm start`, `wrangler dev`; src/local.ts) also `http://127.0.0.1`, `http://localhost` and `http://[::1]`, so local tools
 *   can receive them.
 * A function ARN names the binding in its function-name part (`arn:aws:lambda:...:function:NAME`);
 * a destination ARN (`arn:aws:sqs:...:NAME`, `arn:aws:sns:...:NAME`) in its last part.
 *
 * A mapping's targets are resolved when it is created or updated (so a typo fails the call) and
 * again at every delivery (bindings are the Worker's, and change with its deployments); Firehose
 * keeps a FunctionReference in the delivery stream's configuration and finds its binding at each
 * delivery.
 */
import { InvalidParameterValueException, LambdaResourceNotFoundException, ValidationException } from "../aws/errors";
import type { Scope } from "../aws/scope";
import { isLocal } from "../local";

export type Target =
  | { kind: "queue"; binding: string; queue: Queue }
  | { kind: "service"; binding: string; fetcher: Fetcher }
  | { kind: "url"; url: string };

/** A function named but not looked up: a service binding by its name, or a URL. */
export type FunctionReference = { kind: "service"; binding: string } | { kind: "url"; url: string };

/** Lambda's NamespacedFunctionName pattern, as its model writes it (for the validation message). */
const FUNCTION_NAME_PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
const FUNCTION_NAME = new RegExp(
  "^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d:)?(?:\\d{12}:)?(?:function:)?([a-zA-Z0-9\\-_.]+)(?::(?:\\$LATEST(?:\\.PUBLISHED)?|[a-zA-Z0-9\\-_]+))?$",
);

/** A function ARN in full, as Firehose's LambdaArn takes it (no partial ARNs or bare names). */
const FUNCTION_ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:([a-zA-Z0-9_-]{1,64})(?::(?:\$LATEST|[a-zA-Z0-9_-]+))?$/;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Queues the Worker uses for its own work (wrangler.toml): a mapping must not write into them. */
const INTERNAL_BINDINGS = new Set(["FIREHOSE_DELIVERY"]);

/** Whether `http://` on a loopback host may be called: in local mode, where local tools listen. */
export function loopbackAllowed(env: Env): boolean {
  return isLocal(env);
}

/**
 * The URL `name` names when it is an endpoint this deployment may call: `https://`, or `http://` on
 * a loopback host where `allowLoopback` says so; otherwise undefined.
 */
export function endpointUrl(name: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(name);
  } catch {
    return undefined;
  }
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && allowLoopback && LOOPBACK_HOSTS.has(url.hostname)) return url.href;
  return undefined;
}

function looksLikeUrl(name: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(name);
}

/**
 * The function a FunctionName means, without looking at bindings: a URL, or the function's name.
 * Throws Lambda's ValidationException for anything else.
 */
export function functionIdentity(name: string): { url: string } | { name: string } {
  if (looksLikeUrl(name)) return { url: name };
  const match = FUNCTION_NAME.exec(name);
  if (!match?.[1]) {
    throw new ValidationException(
      `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`,
    );
  }
  return { name: match[1] };
}

/** The function a full function ARN names, or undefined when `arn` is not one. */
export function functionNameOfArn(arn: string): string | undefined {
  return FUNCTION_ARN.exec(arn)?.[1];
}

/** The FunctionArn answered for a FunctionName: a function ARN for bindings, the URL itself for endpoints. */
export function functionArn(name: string, scope: Scope): string {
  const identity = functionIdentity(name);
  return "url" in identity ? identity.url : `arn:aws:lambda:${scope.region}:${scope.account}:function:${identity.name}`;
}

/** The binding or URL a FunctionName names; Lambda's "Function not found" when there is none. */
export function resolveFunction(name: string, env: Env, scope: Scope): Target {
  const identity = functionIdentity(name);
  const target = "url" in identity ? urlTarget(identity.url, env) : bindingTarget(identity.name, env);
  if (!target) throw new LambdaResourceNotFoundException(`Function not found: ${functionArn(name, scope)}`);
  return target;
}

/** The binding or URL an OnFailure destination names. */
export function resolveDestination(destination: string, env: Env): Target {
  const binding = destination.startsWith("arn:") ? destination.slice(destination.lastIndexOf(":") + 1) : destination;
  const target = looksLikeUrl(destination) ? urlTarget(destination, env) : bindingTarget(binding, env);
  if (!target) {
    throw new InvalidParameterValueException(
      `The provided destination ${destination} is invalid: it must name a queue producer or service binding of this Worker, ` +
        `or an https:// URL.`,
    );
  }
  return target;
}

function urlTarget(name: string, env: Env): Target | undefined {
  const url = endpointUrl(name, loopbackAllowed(env));
  return url === undefined ? undefined : { kind: "url", url };
}

/** The service binding of this Worker named `name`; undefined when there is none. */
export function serviceTarget(name: string, env: Env): Extract<Target, { kind: "service" }> | undefined {
  const target = bindingTarget(name, env);
  return target?.kind === "service" ? target : undefined;
}

function bindingTarget(name: string, env: Env): Target | undefined {
  if (!Object.hasOwn(env, name) || INTERNAL_BINDINGS.has(name)) return undefined;
  const value: unknown = (env as unknown as Record<string, unknown>)[name];
  if (typeof value !== "object" || value === null) return undefined;
  // Service bindings answer every property as an RPC method, so `fetch` decides first: a queue
  // producer has none.
  if (typeof (value as { fetch?: unknown }).fetch === "function") {
    return { kind: "service", binding: name, fetcher: value as Fetcher };
  }
  if (typeof (value as { sendBatch?: unknown }).sendBatch === "function") {
    return { kind: "queue", binding: name, queue: value as Queue };
  }
  return undefined;
}
