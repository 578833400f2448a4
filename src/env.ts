import type { AnalyticsApplication } from "./analytics/application";
import type { AnalyticsRegistry } from "./analytics/registry";
import type { DeliveryBuffer } from "./firehose/buffer";
import type { FirehoseRegistry } from "./firehose/registry";
import type { MultipartUploads } from "./s3/uploads";
import type { Shard } from "./streams/shard";
import type { StreamRegistry } from "./streams/registry";
import type { MappingDirectory } from "./triggers/directory";
import type { EventSourceMapping } from "./triggers/mapping";
import type { VideoRegistry } from "./video/registry";
import type { VideoStream } from "./video/stream";

// The bindings are a global type, as `wrangler types` declares them, rather than an export: the
// Durable Object classes named here use Env themselves, so importing it would make every one of them
// and this file an import cycle (scripts/check-cycles.mjs).
declare global {
  /** The Worker's bindings, as wrangler.toml and `npm start` declare them. */
  interface Env {
    STREAM_REGISTRY: DurableObjectNamespace<StreamRegistry>;
    SHARD: DurableObjectNamespace<Shard>;
    /** Stream-triggered consumers: one object per event source mapping, and a directory per account and region. */
    EVENT_SOURCE_MAPPINGS: DurableObjectNamespace<EventSourceMapping>;
    MAPPING_DIRECTORY: DurableObjectNamespace<MappingDirectory>;
    /** A queue mappings can deliver to, consumed by this Worker (src/triggers/consumer.ts). */
    STREAM_EVENTS: Queue;
    /** Firehose: delivery stream metadata (one registry per account and region) and one buffer per stream. */
    FIREHOSE_REGISTRY: DurableObjectNamespace<FirehoseRegistry>;
    FIREHOSE_BUFFER: DurableObjectNamespace<DeliveryBuffer>;
    /** Firehose: references to flushed batches, consumed by this Worker (src/firehose/queue.ts). */
    FIREHOSE_DELIVERY: Queue;
    /** S3's multipart uploads in progress, one object per bucket (src/s3/uploads.ts). */
    S3_MULTIPART_UPLOADS: DurableObjectNamespace<MultipartUploads>;
    /** Analytics: application definitions (one registry per account and region) and one object per application, running it. */
    ANALYTICS_REGISTRY: DurableObjectNamespace<AnalyticsRegistry>;
    ANALYTICS_APPLICATION: DurableObjectNamespace<AnalyticsApplication>;
    /** Video Streams: stream definitions (one registry per account and region) and one object per video stream (its fragment index). */
    VIDEO_REGISTRY: DurableObjectNamespace<VideoRegistry>;
    VIDEO_STREAM: DurableObjectNamespace<VideoStream>;
    /** The R2 bucket `rivulet-video`: video fragments' media, under `<stream id>/`. */
    RIVULET_VIDEO: R2Bucket;
    /** The R2 bucket `rivulet-deliveries` (arn:aws:s3:::rivulet-deliveries), for Firehose destinations. */
    RIVULET_DELIVERIES: R2Bucket;
    /**
     * The D1 database `rivulet-analytics`, for Firehose Redshift destinations whose ClusterJDBCURL's
     * host starts with `rivulet-analytics.` (src/firehose/redshift.ts). Its tables come from migrations/.
     */
    RIVULET_ANALYTICS: D1Database;
    /**
     * Firehose: a JSON object from S3 bucket name to the name of the R2 binding that holds it. Buckets
     * not listed resolve to the binding named like the bucket, upper-cased, `_` for anything else
     * (src/firehose/buckets.ts).
     */
    RIVULET_BUCKETS?: string;
    /** The 12-digit account id that appears in ARNs. */
    RIVULET_ACCOUNT_ID?: string;
    /** Secret: "KEYID:SECRET[,KEYID:SECRET...]". Without it a deployment refuses every request. */
    RIVULET_ACCESS_KEYS?: string;
    /** "on" or "off": AWS's per-shard throughput limits. Default: on when deployed, off under `npm start`. */
    RIVULET_THROUGHPUT_LIMITS?: string;
    /**
     * Secret: base64 of 32 random bytes, the master key from which each KMS KeyId's encryption key is
     * derived (server-side encryption). Without it a deployment refuses StartStreamEncryption; `npm start`
     * uses a fixed development key instead.
     */
    RIVULET_ENCRYPTION_KEY?: string;
    /** Set to "1" only by `npm start`: with no keys configured, any well-formed signature is accepted. */
    RIVULET_LOCAL?: string;
  }
}
