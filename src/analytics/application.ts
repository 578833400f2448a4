/**
 * Analytics' application object: one per application, running it (being built; see
 * ./runner-contract.ts for what it will do).
 */
import { DurableObject } from "cloudflare:workers";

export class AnalyticsApplication extends DurableObject<Env> {}
