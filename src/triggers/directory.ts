/**
 * The mapping directory Durable Object: one per account and region, listing its event source
 * mappings (ListEventSourceMappings) and keeping Lambda's rule of one mapping per function and event
 * source. The mappings themselves, with their checkpoints, are objects of their own (mapping.ts).
 */
import { DurableObject } from "cloudflare:workers";
import { capture, ResourceConflictException } from "../aws/errors";
import { DirectoryStore, type DirectoryEntry } from "./directory-store";

function conflict(eventSourceArn: string, functionName: string, existing: DirectoryEntry): never {
  throw new ResourceConflictException(
    `The event source arn (${eventSourceArn}) and function (${functionName}) provided mapping already exists. ` +
      `Please update or delete the existing mapping with UUID ${existing.uuid}`,
  );
}

export class MappingDirectory extends DurableObject<Env> {
  private readonly store: DirectoryStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new DirectoryStore(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  /** Lists a new mapping, unless this function already has one for this event source. */
  async add(uuid: string, functionKey: string, functionName: string, eventSourceArn: string) {
    return capture(() => {
      const existing = this.store.find(eventSourceArn, functionKey, uuid);
      if (existing) conflict(eventSourceArn, functionName, existing);
      this.store.insert(uuid, functionKey, eventSourceArn);
    });
  }

  /** A mapping now targets another function. */
  async setFunction(uuid: string, functionKey: string, functionName: string, eventSourceArn: string) {
    return capture(() => {
      const existing = this.store.find(eventSourceArn, functionKey, uuid);
      if (existing) conflict(eventSourceArn, functionName, existing);
      this.store.setFunction(uuid, functionKey);
    });
  }

  async remove(uuid: string) {
    return capture(() => this.store.remove(uuid));
  }

  async list(filter: { functionKey?: string; eventSourceArn?: string }, afterSeq: number, limit: number) {
    return capture(() => this.store.list(filter, afterSeq, limit));
  }
}
