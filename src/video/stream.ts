/**
 * Video Streams' stream object: one per video stream, owning its fragment index and media (being
 * built; see ./stream-contract.ts).
 *
 * PLACEHOLDER from the control plane's branch: the data plane's stream object replaces this file
 * whole at merge. Until then it only records what the registry tells it (the lifecycle of the
 * contract). The control plane's tests spy on these two methods, so they hold for the real object too.
 */
import { DurableObject } from "cloudflare:workers";
import type { VideoStreamLifecycle } from "./stream-contract";

export class VideoStream extends DurableObject<Env> implements VideoStreamLifecycle {
  async retentionChanged(dataRetentionInHours: number): Promise<void> {
    this.ctx.storage.kv.put("retentionChanged", dataRetentionInHours);
  }

  async destroy(): Promise<void> {
    this.ctx.storage.kv.put("destroyed", true);
  }
}
