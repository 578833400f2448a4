/**
 * The frame of every console page: head, the top bar with the sections and the session's region,
 * the open-console banner, breadcrumbs. Pages render their content inside `Layout`, and answer with
 * `renderPage` (doctype and security headers). A new section is one entry in SECTIONS.
 *
 * Pages load one stylesheet and one script module (client/console.js), both from /console/static/,
 * and nothing inline, so the Content-Security-Policy can forbid everything else.
 */
import type { FC, PropsWithChildren } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import { html } from "hono/html";
import type { ConsoleContext } from "./auth";
import { CONSOLE_PATH, type ConsoleSession } from "./session";
import { staticUrl } from "./static";

/** The console's sections, in the top bar. `match` is the path prefix that makes one current. */
const SECTIONS: readonly { label: string; href: string; match: string }[] = [
  { label: "Data Streams", href: `${CONSOLE_PATH}/streams`, match: `${CONSOLE_PATH}/streams` },
  { label: "Firehose", href: `${CONSOLE_PATH}/firehose`, match: `${CONSOLE_PATH}/firehose` },
  { label: "Analytics", href: `${CONSOLE_PATH}/analytics`, match: `${CONSOLE_PATH}/analytics` },
  { label: "Video", href: `${CONSOLE_PATH}/video`, match: `${CONSOLE_PATH}/video` },
  { label: "Buckets", href: `${CONSOLE_PATH}/buckets`, match: `${CONSOLE_PATH}/buckets` },
];

export interface Crumb {
  label: string;
  href?: string;
}

export interface LayoutProps {
  title: string;
  /** The signed-in user (undefined on the sign-in page). */
  session?: ConsoleSession;
  /** The path of the page, to mark its section. */
  path: string;
  crumbs?: readonly Crumb[];
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // The Video player: hls.js feeds the <video> through Media Source Extensions (a blob: URL).
  "media-src 'self' blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const Layout: FC<PropsWithChildren<LayoutProps>> = ({ title, session, path, crumbs, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · Rivulet`}</title>
      <link rel="stylesheet" href={staticUrl("console.css")} />
      <script type="module" src={staticUrl("console.js")} />
    </head>
    <body>
      <header class="topbar">
        <a class="brand" href={`${CONSOLE_PATH}/`}>
          Rivulet
        </a>
        {session ? (
          <nav class="sections" aria-label="Sections">
            {SECTIONS.map((section) => (
              <a href={section.href} class={path.startsWith(section.match) ? "current" : undefined}>
                {section.label}
              </a>
            ))}
          </nav>
        ) : null}
        {session ? <SessionControls session={session} path={path} /> : null}
      </header>
      {session?.mode === "open" ? (
        <p class="banner" data-testid="open-banner" role="status">
          Open console: no access keys are configured (RIVULET_ACCESS_KEYS), so anyone who can reach this server can use it, as they can the API.
        </p>
      ) : null}
      <main>
        {crumbs && crumbs.length > 0 ? (
          <nav class="crumbs" aria-label="Breadcrumbs">
            {crumbs.map((crumb) => (crumb.href ? <a href={crumb.href}>{crumb.label}</a> : <span>{crumb.label}</span>))}
          </nav>
        ) : null}
        {children}
      </main>
    </body>
  </html>
);

const SessionControls: FC<{ session: ConsoleSession; path: string }> = ({ session, path }) => (
  <div class="session">
    <form method="post" action={`${CONSOLE_PATH}/region`} class="region-form">
      <input type="hidden" name="next" value={path} />
      <label>
        <span class="visually-hidden">Region</span>
        <input name="region" value={session.region} size={12} aria-label="Region" data-testid="region" required />
      </label>
      <button type="submit" class="quiet">
        Switch
      </button>
    </form>
    {session.mode === "signed-in" ? (
      <form method="post" action={`${CONSOLE_PATH}/sign-out`}>
        <span class="key" data-testid="signed-in-as" title="Access key id">
          {session.keyId}
        </span>
        <button type="submit" class="quiet" data-testid="sign-out">
          Sign out
        </button>
      </form>
    ) : null}
  </div>
);

/** Answers a page: doctype, HTML, and headers that keep it from being framed, sniffed or scripted from elsewhere. */
export function renderPage(c: ConsoleContext, page: HtmlEscapedString | Promise<HtmlEscapedString>, status: 200 | 400 | 401 | 403 | 404 | 429 | 500 = 200): Response | Promise<Response> {
  setPageHeaders(c);
  return c.html(html`<!doctype html>${page}`, status);
}

/** A piece of a page (a refreshed panel), with the same headers. */
export function renderFragment(c: ConsoleContext, fragment: HtmlEscapedString | Promise<HtmlEscapedString>): Response | Promise<Response> {
  setPageHeaders(c);
  return c.html(fragment);
}

function setPageHeaders(c: ConsoleContext): void {
  c.header("content-security-policy", CSP);
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "same-origin");
  c.header("cache-control", "no-store");
}
