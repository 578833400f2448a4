/**
 * Faults for the Firehose fault-injection tests (faults.test.ts): the Worker's real bindings, with
 * one of them made to fail on chosen calls. Delivery takes its bindings from the env it is given,
 * so a test hands `withBindings(...)` to the delivery function or the queue handler, and the next
 * attempt gets the real env back.
 */
import { env } from "./helpers";

/** The real env with some bindings replaced. */
export function withBindings(overrides: Record<string, unknown>): Env {
  return { ...env, ...overrides } as Env;
}

/** Counts calls to an R2 bucket's put, and fails (or does something else first) on the ones chosen. */
export interface FaultyBucket {
  bucket: R2Bucket;
  /** Calls to put so far, failed ones included. */
  puts: number;
  /** Keys whose put succeeded through this wrapper. */
  written: string[];
}

/**
 * The deliveries bucket, except that put number `failOn(n)` (1-based) rejects, as R2 does when it
 * is unavailable; `beforePut` runs before every put (to restart an object at that moment).
 */
export function faultyBucket(options: { failOn: (call: number) => boolean; beforePut?: (call: number) => Promise<void> }): FaultyBucket {
  const real = env.RIVULET_DELIVERIES;
  const state: FaultyBucket = { bucket: real, puts: 0, written: [] };
  state.bucket = new Proxy(real, {
    get(target, property) {
      if (property === "put") {
        return async (key: string, value: Uint8Array, putOptions?: R2PutOptions) => {
          state.puts += 1;
          const call = state.puts;
          await options.beforePut?.(call);
          if (options.failOn(call)) throw new Error(`R2 put ${call} failed: We encountered an internal error. Please try again.`);
          const result = await target.put(key, value, putOptions);
          state.written.push(key);
          return result;
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return state;
}

/**
 * A transformation function (Firehose's Lambda contract, as a service binding) that times out on
 * its first `timeouts` invocations, then answers every record Ok with its data unchanged.
 */
export function flakyFunction(timeouts: number): { binding: { fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> }; invocations: () => number } {
  let invocations = 0;
  const binding = {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      invocations += 1;
      if (invocations <= timeouts) {
        // What fetch throws when AbortSignal.timeout fires: the processing chain reads it as Lambda.FunctionTimedOut.
        throw Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
      }
      const request = new Request(input, init);
      const event = (await request.json()) as { records: { recordId: string; data: string }[] };
      return Response.json({ records: event.records.map((record) => ({ recordId: record.recordId, result: "Ok", data: record.data })) });
    },
  };
  return { binding, invocations: () => invocations };
}

/**
 * A D1 database that is unreachable while `down()` says so: every statement and batch rejects when
 * it runs, as D1 does when it cannot be reached.
 */
export function unreliableDatabase(down: () => boolean): D1Database {
  const real = env.RIVULET_ANALYTICS;
  const unavailable = () => new Error("D1_ERROR: Network connection lost.");
  // Proxied statements, and the real ones behind them (D1's batch takes only its own statements).
  const unwrapped = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown;
        if (typeof value !== "function") return value;
        const method = value as (...args: unknown[]) => unknown;
        if (name === "bind") return (...args: unknown[]) => wrap(method.apply(target, args) as D1PreparedStatement);
        return async (...args: unknown[]) => {
          if (down()) throw unavailable();
          return method.apply(target, args);
        };
      },
    });
    unwrapped.set(proxy, statement);
    return proxy;
  };
  return new Proxy(real, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query));
      if (property === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (down()) throw unavailable();
          return target.batch(statements.map((statement) => unwrapped.get(statement) ?? statement));
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
