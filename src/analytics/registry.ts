/**
 * Analytics' registry: one object per account and region holding every application's definition,
 * status, version and tags, serving the v1 and v2 APIs (being built; see ./runner-contract.ts).
 */
import { DurableObject } from "cloudflare:workers";

export class AnalyticsRegistry extends DurableObject<Env> {}
