/**
 * Local mode: Rivulet on a developer's machine. With no access keys configured it accepts any
 * well-formed signature (a deployment refuses everyone instead); AWS's throughput limits are off
 * unless asked for; targets may be http:// on a loopback host; encryption has a development key.
 *
 * RIVULET_LOCAL says so explicitly: "1" (`npm start` passes it; `.dev.vars` may set it) or "0".
 * Unset, the build decides. wrangler has no variables that apply only to `wrangler dev` in its
 * configuration; what it does have is the bundle: it replaces `process.env.NODE_ENV` with
 * "development" when it builds for `wrangler dev` and with "production" when it builds for
 * `wrangler deploy` (unless NODE_ENV is set in wrangler's own environment, which then wins). So
 * plain `npx wrangler dev` runs in local mode with no file to write, and no deployed configuration
 * turns local mode on: wrangler.toml's [vars] never set RIVULET_LOCAL.
 *
 * Accepting callers without checking their keys is the one part that must never reach a deployment,
 * so when local mode comes from the build alone it takes one more condition: the request is addressed
 * to a loopback host (localhost and *.localhost, 127.x.x.x, [::1]), which Cloudflare never routes to a
 * deployed Worker. A Worker deployed from a development build (NODE_ENV=development in the deploying
 * shell) therefore still refuses everyone without keys. For `wrangler dev --ip 0.0.0.0` reached by
 * another name, set RIVULET_LOCAL=1.
 */

// Only wrangler's bundler gives this a value; nothing reads the process environment at run time.
declare const process: { env: { NODE_ENV?: string } };

/** Whether wrangler built this Worker for `wrangler dev` (see the file's comment). */
function developmentBuild(): boolean {
  try {
    return process.env.NODE_ENV === "development";
  } catch {
    // Not bundled by wrangler (the tests' runtime has no `process`): not a development build.
    return false;
  }
}

/** Local mode, for behaviour that does not depend on a request (limits, targets, the development key). */
export function isLocal(env: Env): boolean {
  if (env.RIVULET_LOCAL === "1") return true;
  if (env.RIVULET_LOCAL === "0") return false;
  return developmentBuild();
}

/**
 * Whether a request to `url` is served in local mode, for the one decision that opens the Worker
 * to callers without keys (src/aws/sigv4.ts keyPolicy): RIVULET_LOCAL=1, or a development build
 * and a loopback host.
 */
export function isLocalRequest(env: Env, url: string): boolean {
  if (env.RIVULET_LOCAL === "1") return true;
  if (env.RIVULET_LOCAL === "0" || !developmentBuild()) return false;
  return isLoopbackHost(new URL(url).hostname);
}

function isLoopbackHost(hostname: string): boolean {
  // *.localhost resolves to loopback too (RFC 6761), e.g. an S3 client's virtual-hosted bucket names.
  return hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
