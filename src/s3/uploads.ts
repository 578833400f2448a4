/**
 * The multipart uploads Durable Object: one per bucket, keeping the uploads in progress and their
 * parts. R2 completes and aborts uploads itself, but its binding cannot list them or their parts,
 * and it names parts by its own ETags rather than S3's (the MD5 of the part): this object answers
 * ListMultipartUploads and ListParts, and maps S3's part ETags to R2's when an upload is completed.
 *
 * An upload is forgotten when it is completed or aborted, or UPLOAD_LIFETIME_MS after it began:
 * R2 aborts incomplete uploads after seven days by default, and an upload it has aborted can no
 * longer be listed as in progress.
 */
import { DurableObject } from "cloudflare:workers";
import { S3 } from "../limits";
import { UploadsStore, type PartRecord, type UploadRecord } from "./uploads-store";

export class MultipartUploads extends DurableObject<Env> {
  private readonly store: UploadsStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new UploadsStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  async create(record: UploadRecord): Promise<void> {
    this.store.insert(record);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(record.initiated + S3.uploadLifetimeMs);
  }

  async find(uploadId: string): Promise<UploadRecord | undefined> {
    return this.store.find(uploadId);
  }

  async putPart(uploadId: string, record: PartRecord): Promise<boolean> {
    return this.store.putPart(uploadId, record);
  }

  async parts(uploadId: string, afterPart: number, limit: number): Promise<PartRecord[]> {
    return this.store.parts(uploadId, afterPart, limit);
  }

  async remove(uploadId: string): Promise<boolean> {
    return this.store.remove(uploadId);
  }

  async list(prefix: string, afterKey: string, afterUploadId: string, limit: number): Promise<UploadRecord[]> {
    return this.store.list(prefix, afterKey, afterUploadId, limit);
  }

  override async alarm(): Promise<void> {
    const oldest = this.store.expire(Date.now() - S3.uploadLifetimeMs);
    if (oldest !== undefined) await this.ctx.storage.setAlarm(oldest + S3.uploadLifetimeMs);
  }
}
