/**
 * Video Streams' stream object: one per video stream, owning its fragment index and media (being
 * built; see ./stream-contract.ts).
 */
import { DurableObject } from "cloudflare:workers";

export class VideoStream extends DurableObject<Env> {}
