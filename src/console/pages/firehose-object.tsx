/**
 * The content of one object a delivery stream wrote: `/console/firehose/<name>/object?bucket=&key=`,
 * read through S3's read path as the signed-in user (../loaders/firehose-objects.ts), decompressed when it
 * is gzip, and shown as text (or a hex dump when it is not UTF-8): the first PREVIEW_BYTES only, with
 * the `aws s3 cp` line that fetches all of it. The delivery stream is described first (as the
 * caller), so the page answers as the API would for a stream that is gone or not visible.
 */
import { Hono } from "hono";
import { InvalidArgumentException } from "../../aws/errors";
import type { ConsoleEnv } from "../auth";
import { formatBytes, formatTime } from "../format";
import { deliveryStreamPath, describeDeliveryStream } from "../loaders/firehose";
import { PREVIEW_BYTES, readObject, show } from "../loaders/firehose-objects";
import { Layout, renderPage } from "../layout";

export const firehoseObjectPages = new Hono<ConsoleEnv>();

firehoseObjectPages.get("/:name/object", async (c) => {
  const name = c.req.param("name");
  const bucket = c.req.query("bucket");
  const key = c.req.query("key");
  if (!bucket || !key) throw new InvalidArgumentException("Name the object with the bucket and key query parameters.");
  await describeDeliveryStream(c, name);
  const content = await readObject(c.env, bucket, key, PREVIEW_BYTES);
  const shown = show(content.bytes, content.truncated);
  const fileName = key.split("/").at(-1) ?? key;
  return renderPage(
    c,
    <Layout
      title={fileName}
      session={c.get("session")}
      path={new URL(c.req.url).pathname}
      crumbs={[{ label: "Firehose", href: "/console/firehose" }, { label: name, href: deliveryStreamPath(name) }, { label: fileName }]}
    >
      <div class="page-head">
        <h1 class="mono" data-testid="object-name">
          {fileName}
        </h1>
      </div>
      <section class="card">
        <dl class="facts" data-testid="object-facts">
          <div>
            <dt>Bucket</dt>
            <dd data-testid="object-bucket">{content.bucket}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd data-testid="object-size">{formatBytes(content.size)}</dd>
          </div>
          <div>
            <dt>Stored as</dt>
            <dd data-testid="object-encoding">{content.encoding === "gzip" ? "gzip (shown decompressed)" : content.contentType || "—"}</dd>
          </div>
          {content.lastModified > 0 ? (
            <div>
              <dt>Written</dt>
              <dd>{formatTime(content.lastModified)}</dd>
            </div>
          ) : null}
          <div class="wide">
            <dt>Key</dt>
            <dd>
              <code data-testid="object-key">{content.key}</code>
            </dd>
          </div>
          <div class="wide">
            <dt>Fetch all of it</dt>
            <dd>
              <code>{`aws s3 cp 's3://${content.bucket}/${content.key.replaceAll("'", "'\\''")}' - --endpoint-url ${new URL(c.req.url).origin}`}</code>
            </dd>
          </div>
        </dl>
      </section>
      <section class="card">
        <div class="section-head">
          <h2>Content</h2>
          <span class="muted small" data-testid="object-shown-as">
            {shown.as === "text" ? "text" : "hex (not UTF-8)"}
            {content.truncated ? `, the first ${formatBytes(PREVIEW_BYTES)}` : ""}
          </span>
        </div>
        {content.bytes.byteLength === 0 ? (
          <p class="muted">The object is empty.</p>
        ) : (
          <pre class="record-data object-content" data-testid="object-content" data-format={shown.as} data-truncated={String(content.truncated)}>
            {shown.text}
          </pre>
        )}
        {content.truncated ? (
          <p class="muted small" data-testid="object-truncated">
            The content goes on past the first {formatBytes(PREVIEW_BYTES)}; fetch the object to read all of it.
          </p>
        ) : null}
      </section>
    </Layout>,
  );
});
