/**
 * Signing in and out. With keys configured the console asks for an access key id and its secret (and
 * the region to work in); a wrong pair is refused with one message whichever half was wrong. Without
 * keys, a deployed console is closed to everyone and says so; the open local console needs no sign-in.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { clearSessionCookies, currentSession, sameOrigin, setRegionCookie, setSessionCookie, type ConsoleEnv } from "../auth";
import { Layout, renderPage } from "../layout";
import { checkCredentials, consoleAccess, CONSOLE_PATH, DEFAULT_REGION, isRegion, SESSION_MS, signSession } from "../session";

const HOME = `${CONSOLE_PATH}/streams`;

/** Where to go after signing in: only somewhere inside the console, never another site. */
function safeNext(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith(`${CONSOLE_PATH}/`) || value.startsWith(`${CONSOLE_PATH}//`)) return HOME;
  if (value.startsWith(`${CONSOLE_PATH}/sign-`)) return HOME;
  return value;
}

const SignInForm: FC<{ next: string; keyId?: string; region?: string; error?: string }> = ({ next, keyId, region, error }) => (
  <section class="card narrow">
    <h1>Sign in</h1>
    <p class="muted">Use an access key of this deployment (RIVULET_ACCESS_KEYS): the console acts as that key, as the API would.</p>
    {error ? (
      <p class="error" role="alert" data-testid="sign-in-error">
        {error}
      </p>
    ) : null}
    <form method="post" action={`${CONSOLE_PATH}/sign-in`} class="stack" data-testid="sign-in-form">
      <input type="hidden" name="next" value={next} />
      <label>
        Access key ID
        <input name="keyId" value={keyId ?? ""} autocomplete="username" required data-testid="access-key-id" />
      </label>
      <label>
        Secret access key
        <input name="secret" type="password" autocomplete="current-password" required data-testid="secret-access-key" />
      </label>
      <label>
        Region
        <input name="region" value={region ?? DEFAULT_REGION} required data-testid="sign-in-region" />
      </label>
      <button type="submit" data-testid="sign-in-submit">
        Sign in
      </button>
    </form>
  </section>
);

const Closed: FC = () => (
  <section class="card narrow" data-testid="console-closed">
    <h1>Console closed</h1>
    <p>
      This deployment has no access keys configured, so it refuses every request, the console's as well as the API's. Configure
      some with <code>wrangler secret put RIVULET_ACCESS_KEYS</code> (<code>KEYID:SECRET[,KEYID:SECRET...]</code>) and sign in
      with one of them. Running it locally? Set <code>RIVULET_LOCAL=1</code> (for <code>wrangler dev</code>, in{" "}
      <code>.dev.vars</code>) to open the console without keys.
    </p>
  </section>
);

export const signIn = new Hono<ConsoleEnv>();

signIn.get("/sign-in", async (c) => {
  const access = consoleAccess(c.env, c.req.url);
  const path = new URL(c.req.url).pathname;
  if (access.mode === "closed") return renderPage(c, <Layout title="Console closed" path={path}><Closed /></Layout>, 403);
  const next = safeNext(c.req.query("next"));
  if (await currentSession(c)) return c.redirect(next, 302);
  return renderPage(c, <Layout title="Sign in" path={path}><SignInForm next={next} /></Layout>);
});

signIn.post("/sign-in", sameOrigin, async (c) => {
  const access = consoleAccess(c.env, c.req.url);
  const path = new URL(c.req.url).pathname;
  if (access.mode === "closed") return renderPage(c, <Layout title="Console closed" path={path}><Closed /></Layout>, 403);
  const form = await c.req.parseBody();
  const next = safeNext(form.next);
  if (access.mode === "open") return c.redirect(next, 303);
  const keyId = typeof form.keyId === "string" ? form.keyId.trim() : "";
  const secret = typeof form.secret === "string" ? form.secret : "";
  const region = typeof form.region === "string" ? form.region.trim() : "";
  const refuse = (error: string) =>
    renderPage(c, <Layout title="Sign in" path={path}><SignInForm next={next} keyId={keyId} region={region} error={error} /></Layout>, 401);
  if (!isRegion(region)) return refuse(`${region || "(empty)"} is not a region name, such as us-east-1.`);
  if (!(await checkCredentials(access, keyId, secret))) return refuse("The access key ID or the secret access key is wrong.");
  const expires = c.get("clock").now() + SESSION_MS;
  setSessionCookie(c, await signSession(secret, { keyId, region, expires }), SESSION_MS / 1000);
  return c.redirect(next, 303);
});

signIn.post("/sign-out", sameOrigin, (c) => {
  clearSessionCookies(c);
  return c.redirect(`${CONSOLE_PATH}/sign-in`, 303);
});

/** Another region: re-signs the session for it (signed in), or remembers it (open console). */
signIn.post("/region", sameOrigin, async (c) => {
  const form = await c.req.parseBody();
  const next = safeNext(form.next);
  const region = typeof form.region === "string" ? form.region.trim() : "";
  const session = await currentSession(c);
  const access = consoleAccess(c.env, c.req.url);
  if (!session) return c.redirect(`${CONSOLE_PATH}/sign-in`, 303);
  if (!isRegion(region)) return c.redirect(next, 303);
  if (access.mode === "open") {
    setRegionCookie(c, region);
  } else if (access.mode === "keys") {
    const secret = access.keys.get(session.keyId);
    if (secret === undefined) return c.redirect(`${CONSOLE_PATH}/sign-in`, 303);
    const now = c.get("clock").now();
    setSessionCookie(c, await signSession(secret, { keyId: session.keyId, region, expires: session.expires }), Math.max(0, Math.floor((session.expires - now) / 1000)));
  }
  return c.redirect(next, 303);
});
