/**
 * The web console, mounted at /console by src/app.ts: server-rendered pages (Hono JSX) with a small
 * browser script for the live parts, and a JSON API that runs the AWS operations as the signed-in
 * user (./api.ts). Layout and navigation: ./layout.tsx; sign-in and sessions: ./pages/sign-in.tsx,
 * ./auth.ts, ./session.ts; charts: ./charts.tsx; browser files: ./static.ts and ./client/.
 *
 * Only the stylesheet, the browser modules and the sign-in page answer without a session; every other
 * page redirects to the sign-in page and the API answers 401.
 *
 * Firehose pages: ./pages/firehose-list.tsx, firehose-stream.tsx, firehose-object.tsx. Buckets (upload,
 * delete): ./pages/buckets.tsx. Analytics: ./pages/analytics-list.tsx, analytics-app.tsx, and the live
 * rows of in-application streams as JSON (./live-rows.ts). Video: ./pages/video-list.tsx, video-stream.tsx
 * (the player, fragment timeline and clip download of client/video.js).
 */
import { Hono } from "hono";
import { AwsError } from "../aws/errors";
import { systemClock, type Clock } from "../clock";
import { consoleApi } from "./api";
import { applicationObjects, type ApplicationObjects } from "./application-objects";
import { liveRowsApi } from "./live-rows";
import { consoleContext, requirePageSession, type ConsoleContext, type ConsoleEnv } from "./auth";
import { Layout, renderPage } from "./layout";
import { analyticsAppPages } from "./pages/analytics-app";
import { analyticsListPages } from "./pages/analytics-list";
import { bucketPages } from "./pages/buckets";
import { firehoseListPages } from "./pages/firehose-list";
import { firehoseObjectPages } from "./pages/firehose-object";
import { firehoseStreamPages } from "./pages/firehose-stream";
import { signIn } from "./pages/sign-in";
import { streamPages } from "./pages/stream";
import { streamsPages } from "./pages/streams";
import { videoListPages } from "./pages/video-list";
import { videoStreamPages } from "./pages/video-stream";
import { viewerPages } from "./pages/viewer";
import { CONSOLE_PATH } from "./session";
import { staticFiles } from "./static";

/** The console's Hono app; tests give it a clock they move, and may stand in for Analytics' application objects. */
export function createConsole(clock: Clock = systemClock, objects: ApplicationObjects = applicationObjects): Hono<ConsoleEnv> {
  const site = new Hono<ConsoleEnv>();
  site.use("*", consoleContext(clock, objects));

  // Without a session: the browser files, signing in and out, and the API (which answers 401 itself).
  site.route("/static", staticFiles);
  site.route("/", signIn);
  // Before the API's catch-all, which answers UnknownOperationException.
  site.route("/api/analytics", liveRowsApi);
  site.route("/api", consoleApi);

  // Everything below needs a session.
  site.use("*", requirePageSession);
  site.get("/", (c) => c.redirect(`${CONSOLE_PATH}/streams`, 302));
  site.route("/streams", streamsPages);
  site.route("/streams", viewerPages);
  site.route("/streams", streamPages);
  site.route("/firehose", firehoseListPages);
  site.route("/firehose", firehoseObjectPages);
  site.route("/firehose", firehoseStreamPages);
  site.route("/buckets", bucketPages);
  site.route("/analytics", analyticsListPages);
  site.route("/analytics", analyticsAppPages);
  site.route("/video", videoListPages);
  site.route("/video", videoStreamPages);

  // Last: mounted in the Worker's app, an unmatched path would go on to the AWS protocol's catch-all.
  site.all("*", (c) =>
    new URL(c.req.url).pathname === `${CONSOLE_PATH}/`
      ? c.redirect(`${CONSOLE_PATH}/streams`, 302)
      : errorPage(c, 404, "Not found", "There is no such page in the console."),
  );
  site.notFound((c) => errorPage(c as ConsoleContext, 404, "Not found", "There is no such page in the console."));
  site.onError((error, c) => {
    if (error instanceof AwsError && error.status < 500) {
      const status = error.type === "ResourceNotFoundException" || error.status === 404 ? 404 : error.type === "AccessDeniedException" || error.status === 403 ? 403 : 400;
      return errorPage(c as ConsoleContext, status, error.type, error.awsMessage ?? error.type);
    }
    console.error("console page failed", error);
    return errorPage(c as ConsoleContext, 500, "Something went wrong", "The console could not show this page; the Worker's log has the details.");
  });
  return site;
}

function errorPage(c: ConsoleContext, status: 400 | 403 | 404 | 500, title: string, message: string): Response | Promise<Response> {
  const session = c.get("session");
  return renderPage(
    c,
    <Layout title={title} session={session} path={new URL(c.req.url).pathname}>
      <section class="card narrow" data-testid="error-page">
        <h1>{title}</h1>
        <p data-testid="error-message">{message}</p>
        <p>
          <a href={`${CONSOLE_PATH}/streams`}>Back to Data Streams</a>
        </p>
      </section>
    </Layout>,
    status,
  );
}

export const consoleApp = createConsole();
