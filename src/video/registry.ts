/**
 * Video Streams' registry: one object per account and region holding every video stream's
 * definition (being built; see ./stream-contract.ts).
 */
import { DurableObject } from "cloudflare:workers";

export class VideoRegistry extends DurableObject<Env> {}
