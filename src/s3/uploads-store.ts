/**
 * All SQL of the multipart uploads Durable Object (uploads.ts): the uploads in progress in one
 * bucket and the parts each has received, with what S3 answers about them (ETags, sizes, checksums)
 * and what R2 needs to complete them (its own part ETags).
 */
import type { ChecksumAlgorithm, ChecksumType } from "./checksums";
import { migrate } from "../storage/schema";

export interface UploadRecord {
  uploadId: string;
  key: string;
  /** Epoch ms. */
  initiated: number;
  /** The access key id that started it. */
  initiator: string;
  checksumAlgorithm: ChecksumAlgorithm | undefined;
  checksumType: ChecksumType | undefined;
  storageClass: string;
}

export interface PartRecord {
  partNumber: number;
  /** S3's ETag of a part: the hex MD5 of its bytes. */
  etag: string;
  /** R2's ETag of the part, which completing the upload in R2 takes. */
  r2Etag: string;
  size: number;
  /** Epoch ms. */
  lastModified: number;
  /** The part's checksum (base64) under the upload's algorithm, when it has one. */
  checksum: string | undefined;
}

const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE uploads (
       upload_id TEXT PRIMARY KEY,
       key TEXT NOT NULL,
       initiated INTEGER NOT NULL,
       initiator TEXT NOT NULL,
       checksum_algorithm TEXT,
       checksum_type TEXT,
       storage_class TEXT NOT NULL
     )`,
    "CREATE INDEX uploads_by_key ON uploads (key, initiated, upload_id)",
    `CREATE TABLE parts (
       upload_id TEXT NOT NULL,
       part_number INTEGER NOT NULL,
       etag TEXT NOT NULL,
       r2_etag TEXT NOT NULL,
       size INTEGER NOT NULL,
       last_modified INTEGER NOT NULL,
       checksum TEXT,
       PRIMARY KEY (upload_id, part_number)
     )`,
  ],
];

type UploadRow = {
  upload_id: string;
  key: string;
  initiated: number;
  initiator: string;
  checksum_algorithm: string | null;
  checksum_type: string | null;
  storage_class: string;
};

type PartRow = {
  part_number: number;
  etag: string;
  r2_etag: string;
  size: number;
  last_modified: number;
  checksum: string | null;
};

function upload(row: UploadRow): UploadRecord {
  return {
    uploadId: row.upload_id,
    key: row.key,
    initiated: row.initiated,
    initiator: row.initiator,
    // Written from the same types by insert().
    checksumAlgorithm: (row.checksum_algorithm ?? undefined) as ChecksumAlgorithm | undefined,
    checksumType: (row.checksum_type ?? undefined) as ChecksumType | undefined,
    storageClass: row.storage_class,
  };
}

function part(row: PartRow): PartRecord {
  return {
    partNumber: row.part_number,
    etag: row.etag,
    r2Etag: row.r2_etag,
    size: row.size,
    lastModified: row.last_modified,
    checksum: row.checksum ?? undefined,
  };
}

export class UploadsStore {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  insert(record: UploadRecord): void {
    this.sql.exec(
      "INSERT INTO uploads (upload_id, key, initiated, initiator, checksum_algorithm, checksum_type, storage_class) VALUES (?, ?, ?, ?, ?, ?, ?)",
      record.uploadId,
      record.key,
      record.initiated,
      record.initiator,
      record.checksumAlgorithm ?? null,
      record.checksumType ?? null,
      record.storageClass,
    );
  }

  find(uploadId: string): UploadRecord | undefined {
    const row = this.sql.exec<UploadRow>("SELECT * FROM uploads WHERE upload_id = ?", uploadId).toArray()[0];
    return row && upload(row);
  }

  /** Records a part (again: a part uploaded twice is the later one). False when the upload is gone. */
  putPart(uploadId: string, record: PartRecord): boolean {
    return this.storage.transactionSync(() => {
      if (!this.find(uploadId)) return false;
      this.sql.exec(
        `INSERT OR REPLACE INTO parts (upload_id, part_number, etag, r2_etag, size, last_modified, checksum)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        uploadId,
        record.partNumber,
        record.etag,
        record.r2Etag,
        record.size,
        record.lastModified,
        record.checksum ?? null,
      );
      return true;
    });
  }

  /** Up to `limit` parts numbered above `afterPart`, in order. */
  parts(uploadId: string, afterPart: number, limit: number): PartRecord[] {
    return this.sql
      .exec<PartRow>("SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?", uploadId, afterPart, limit)
      .toArray()
      .map(part);
  }

  /** Forgets an upload and its parts (completed or aborted). False when it was not there. */
  remove(uploadId: string): boolean {
    return this.storage.transactionSync(() => {
      const existed = this.find(uploadId) !== undefined;
      this.sql.exec("DELETE FROM parts WHERE upload_id = ?", uploadId);
      this.sql.exec("DELETE FROM uploads WHERE upload_id = ?", uploadId);
      return existed;
    });
  }

  /**
   * Up to `limit` uploads whose key starts with `prefix`, in S3's order (key, then time initiated),
   * after the upload (`afterKey`, `afterUploadId`); an empty `afterUploadId` skips every upload of `afterKey`.
   */
  list(prefix: string, afterKey: string, afterUploadId: string, limit: number): UploadRecord[] {
    const after = afterUploadId === "" ? undefined : this.find(afterUploadId);
    const rows =
      after === undefined
        ? this.sql.exec<UploadRow>(
            "SELECT * FROM uploads WHERE substr(key, 1, length(?1)) = ?1 AND key > ?2 ORDER BY key, initiated, upload_id LIMIT ?3",
            prefix,
            afterKey,
            limit,
          )
        : this.sql.exec<UploadRow>(
            `SELECT * FROM uploads WHERE substr(key, 1, length(?1)) = ?1
               AND (key > ?2 OR (key = ?2 AND (initiated > ?3 OR (initiated = ?3 AND upload_id > ?4))))
             ORDER BY key, initiated, upload_id LIMIT ?5`,
            prefix,
            afterKey,
            after.initiated,
            after.uploadId,
            limit,
          );
    return rows.toArray().map(upload);
  }

  /** Forgets uploads initiated before `cutoff`; answers the time the oldest remaining one was initiated. */
  expire(cutoff: number): number | undefined {
    return this.storage.transactionSync(() => {
      this.sql.exec("DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE initiated < ?)", cutoff);
      this.sql.exec("DELETE FROM uploads WHERE initiated < ?", cutoff);
      return this.sql.exec<{ oldest: number | null }>("SELECT min(initiated) AS oldest FROM uploads").toArray()[0]?.oldest ?? undefined;
    });
  }
}
