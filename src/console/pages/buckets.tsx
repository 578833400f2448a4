/**
 * Buckets: the R2 buckets bound to the Worker (S3's ListBuckets), and one bucket a folder at a time
 * (ListObjectsV2 with delimiter `/`, the first LISTED_OBJECTS entries), where files are uploaded
 * into the folder shown and objects deleted. Everything goes through S3's operations as the
 * signed-in user (../s3-objects.ts); the client script (client/objects.js) sends uploads and
 * deletes to the console API, which runs PutObject and DeleteObject.
 */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import type { ConsoleEnv } from "../auth";
import { formatBytes, formatTime } from "../format";
import { Layout, renderPage, type Crumb } from "../layout";
import { LISTED_OBJECTS, listBuckets, listFolder, type BucketListing } from "../s3-objects";
import { CONSOLE_PATH } from "../session";

const BUCKETS_PATH = `${CONSOLE_PATH}/buckets`;

function folderUrl(bucket: string, prefix: string): string {
  const base = `${BUCKETS_PATH}/${encodeURIComponent(bucket)}`;
  return prefix === "" ? base : `${base}?${new URLSearchParams({ prefix }).toString()}`;
}

/** The breadcrumbs of a folder: the bucket, then each folder down to this one. */
function folderCrumbs(bucket: string, prefix: string): Crumb[] {
  const crumbs: Crumb[] = [{ label: "Buckets", href: BUCKETS_PATH }, { label: bucket, href: folderUrl(bucket, "") }];
  let path = "";
  for (const part of prefix.split("/").filter((each) => each !== "")) {
    path += `${part}/`;
    crumbs.push({ label: part, href: folderUrl(bucket, path) });
  }
  const last = crumbs.at(-1);
  if (last) delete last.href;
  return crumbs;
}

const UploadForm: FC<{ bucket: string; prefix: string }> = ({ bucket, prefix }) => (
  <form class="api-form stack" data-upload={bucket} data-prefix={prefix} data-testid="upload-form">
    <label>
      File
      <input type="file" name="file" required data-testid="upload-file" />
    </label>
    <label>
      Key <span class="muted small">(empty: the file's name, in this folder)</span>
      <input type="text" name="key" placeholder={`${prefix}file-name`} data-testid="upload-key" />
    </label>
    <button type="submit" data-testid="upload-submit">
      Upload
    </button>
    <p class="form-error" data-form-error role="alert" data-testid="upload-error" hidden />
  </form>
);

const FolderTable: FC<{ listing: BucketListing }> = ({ listing }) =>
  listing.folders.length === 0 && listing.objects.length === 0 ? (
    <p class="muted" data-testid="no-objects">
      Nothing here yet.
    </p>
  ) : (
    <div class="table-wrap">
      <table data-testid="objects-table">
        <thead>
          <tr>
            <th>Name</th>
            <th class="num">Size</th>
            <th>Last modified</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {listing.folders.map((folder) => (
            <tr data-testid="folder-row" data-prefix={folder}>
              <td data-label="Name" colspan={4}>
                <a href={folderUrl(listing.bucket, folder)} class="mono small" data-testid="folder-link">
                  {folder.slice(listing.prefix.length)}
                </a>
              </td>
            </tr>
          ))}
          {listing.objects.map((object) => (
            <tr data-testid="object-row" data-key={object.key} data-size={String(object.size)}>
              <td data-label="Name" class="mono small">
                {object.key.slice(listing.prefix.length)}
              </td>
              <td data-label="Size" class="num">
                {formatBytes(object.size)}
              </td>
              <td data-label="Last modified" class="small">
                {formatTime(object.lastModified)}
              </td>
              <td>
                <button type="button" class="danger quiet" data-delete-bucket={listing.bucket} data-delete-key={object.key} data-testid="delete-object">
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {listing.truncated ? <p class="muted">Showing the first {LISTED_OBJECTS} entries of this folder.</p> : null}
    </div>
  );

export const bucketPages = new Hono<ConsoleEnv>();

bucketPages.get("/", async (c) => {
  const buckets = await listBuckets(c);
  return renderPage(
    c,
    <Layout title="Buckets" session={c.get("session")} path={new URL(c.req.url).pathname}>
      <div class="page-head">
        <h1>Buckets</h1>
        <span class="muted">R2 buckets bound to this Worker</span>
      </div>
      <section class="card">
        {buckets.length === 0 ? (
          <p class="muted">No R2 bucket is bound to this Worker.</p>
        ) : (
          <ul data-testid="bucket-list">
            {buckets.map((bucket) => (
              <li>
                <a href={folderUrl(bucket, "")} class="mono" data-testid="bucket-link">
                  {bucket}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>,
  );
});

bucketPages.get("/:bucket", async (c) => {
  const bucket = c.req.param("bucket");
  const prefix = c.req.query("prefix") ?? "";
  const listing = await listFolder(c, bucket, prefix);
  return renderPage(
    c,
    <Layout title={bucket} session={c.get("session")} path={new URL(c.req.url).pathname} crumbs={folderCrumbs(bucket, prefix)}>
      <div class="page-head">
        <h1 class="mono" data-testid="bucket-name">
          {bucket}
        </h1>
        <span class="muted mono" data-testid="bucket-prefix">
          {prefix === "" ? "/" : prefix}
        </span>
      </div>
      <section class="card">
        <h2>Upload</h2>
        <UploadForm bucket={bucket} prefix={prefix} />
      </section>
      <section class="card">
        <FolderTable listing={listing} />
      </section>
    </Layout>,
  );
});
