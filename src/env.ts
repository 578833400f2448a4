import type { Shard } from "./streams/shard";
import type { StreamRegistry } from "./streams/registry";

/** The Worker's bindings, as wrangler.toml and `npm start` declare them. */
export interface Env {
  STREAM_REGISTRY: DurableObjectNamespace<StreamRegistry>;
  SHARD: DurableObjectNamespace<Shard>;
  /** The 12-digit account id that appears in ARNs. */
  RIVULET_ACCOUNT_ID?: string;
  /** Secret: "KEYID:SECRET[,KEYID:SECRET...]". Without it a deployment refuses every request. */
  RIVULET_ACCESS_KEYS?: string;
  /** "on" or "off": AWS's per-shard throughput limits. Default: on when deployed, off under `npm start`. */
  RIVULET_THROUGHPUT_LIMITS?: string;
  /** Set to "1" only by `npm start`: with no keys configured, any well-formed signature is accepted. */
  RIVULET_LOCAL?: string;
}
