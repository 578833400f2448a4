/**
 * Every Durable Object the Worker calls, reached by name. The names are stored: Cloudflare derives
 * each object's id from its name, so a changed name would lose the object's data. One scheme:
 * - an object that serves a whole account and region (the stream and Firehose registries, the
 *   mapping directory) is named `<account>:<region>`;
 * - an object that belongs to another is named `<owner>/<key>`: an event source mapping
 *   `<account>:<region>/<uuid>`, a shard `<stream id>/<shard index>`;
 * - an object of a resource whose id is unique by itself is named by that id: a delivery stream's
 *   buffer by the delivery stream's id. Stream ids and delivery stream ids are new on every
 *   creation, so a resource deleted and created again under its name starts empty.
 * The stubs' types come from the global Env, so this module imports none of the classes (each of
 * which calls others through here).
 */
import type { Scope } from "./aws/scope";

/** The stub of a Durable Object binding's class, typed by the global Env. */
type Stub<Binding extends keyof Env> = Env[Binding] extends DurableObjectNamespace<infer Class> ? DurableObjectStub<Class> : never;

function scopeName(scope: Scope): string {
  return `${scope.account}:${scope.region}`;
}

function childName(owner: string, key: string | number): string {
  return `${owner}/${key}`;
}

/** The Durable Object name of a shard; also what its records' encryption keys are derived for (streams/encryption.ts). */
export function shardObjectName(streamId: string, shardIndex: number): string {
  return childName(streamId, shardIndex);
}

/** The stream registry of an account and region. */
export function registryFor(env: Env, scope: Scope): Stub<"STREAM_REGISTRY"> {
  return env.STREAM_REGISTRY.get(env.STREAM_REGISTRY.idFromName(scopeName(scope)));
}

/** A shard's object. */
export function shardStub(env: Env, streamId: string, shardIndex: number): Stub<"SHARD"> {
  return env.SHARD.get(env.SHARD.idFromName(shardObjectName(streamId, shardIndex)));
}

/** The directory of an account and region's event source mappings. */
export function directoryFor(env: Env, scope: Scope): Stub<"MAPPING_DIRECTORY"> {
  return env.MAPPING_DIRECTORY.get(env.MAPPING_DIRECTORY.idFromName(scopeName(scope)));
}

/** An event source mapping's object. */
export function mappingStub(env: Env, scope: Scope, uuid: string): Stub<"EVENT_SOURCE_MAPPINGS"> {
  return env.EVENT_SOURCE_MAPPINGS.get(env.EVENT_SOURCE_MAPPINGS.idFromName(childName(scopeName(scope), uuid)));
}

/** The Firehose registry of an account and region. */
export function firehoseRegistryFor(env: Env, scope: Scope): Stub<"FIREHOSE_REGISTRY"> {
  return env.FIREHOSE_REGISTRY.get(env.FIREHOSE_REGISTRY.idFromName(scopeName(scope)));
}

/** A delivery stream's buffer. */
export function bufferFor(env: Env, streamId: string): Stub<"FIREHOSE_BUFFER"> {
  return env.FIREHOSE_BUFFER.get(env.FIREHOSE_BUFFER.idFromName(streamId));
}

/** The Analytics registry of an account and region. */
export function analyticsRegistryFor(env: Env, scope: Scope): Stub<"ANALYTICS_REGISTRY"> {
  return env.ANALYTICS_REGISTRY.get(env.ANALYTICS_REGISTRY.idFromName(scopeName(scope)));
}

/**
 * An Analytics application's object, by the application's id (new on every CreateApplication, so an
 * application deleted and created again under its name starts empty).
 */
export function applicationStub(env: Env, applicationId: string): Stub<"ANALYTICS_APPLICATION"> {
  return env.ANALYTICS_APPLICATION.get(env.ANALYTICS_APPLICATION.idFromName(applicationId));
}

/** The Video Streams registry of an account and region. */
export function videoRegistryFor(env: Env, scope: Scope): Stub<"VIDEO_REGISTRY"> {
  return env.VIDEO_REGISTRY.get(env.VIDEO_REGISTRY.idFromName(scopeName(scope)));
}

/** A video stream's object, by the stream's id (new on every CreateStream). */
export function videoStreamStub(env: Env, streamId: string): Stub<"VIDEO_STREAM"> {
  return env.VIDEO_STREAM.get(env.VIDEO_STREAM.idFromName(streamId));
}

/** A bucket's multipart uploads in progress (S3's API over R2), by the bucket's name. */
export function uploadsFor(env: Env, bucketName: string): Stub<"S3_MULTIPART_UPLOADS"> {
  return env.S3_MULTIPART_UPLOADS.get(env.S3_MULTIPART_UPLOADS.idFromName(bucketName));
}
