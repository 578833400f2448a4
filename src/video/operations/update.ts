/**
 * UpdateStream, UpdateDataRetention and the stream storage configuration: changes to an ACTIVE
 * stream at the version the caller read (VersionMismatchException otherwise), each giving the
 * stream a new version. They take effect at once: the stream stays ACTIVE (AWS passes through
 * UPDATING for a moment).
 */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { videoRegistryFor } from "../../objects";
import type {
  DescribeStreamStorageConfigurationInput,
  DescribeStreamStorageConfigurationOutput,
  UpdateDataRetentionInput,
  UpdateDataRetentionOutput,
  UpdateStreamInput,
  UpdateStreamOutput,
  UpdateStreamStorageConfigurationInput,
  UpdateStreamStorageConfigurationOutput,
} from "../shapes.generated";
import { streamRef } from "./refs";

export async function updateStream(input: UpdateStreamInput, context: RequestContext): Promise<UpdateStreamOutput> {
  const registry = videoRegistryFor(context.env, context.scope);
  unwrap(
    await registry.update(streamRef(input, context.scope), input.CurrentVersion, { deviceName: input.DeviceName, mediaType: input.MediaType }),
  );
  return {};
}

/** Also tells the stream object, which enforces retention on its media. */
export async function updateDataRetention(input: UpdateDataRetentionInput, context: RequestContext): Promise<UpdateDataRetentionOutput> {
  const registry = videoRegistryFor(context.env, context.scope);
  unwrap(
    await registry.updateRetention(streamRef(input, context.scope), input.CurrentVersion, input.Operation, input.DataRetentionChangeInHours),
  );
  return {};
}

export async function describeStreamStorageConfiguration(
  input: DescribeStreamStorageConfigurationInput,
  context: RequestContext,
): Promise<DescribeStreamStorageConfigurationOutput> {
  const stream = unwrap(await videoRegistryFor(context.env, context.scope).describe(streamRef(input, context.scope)));
  return { StreamName: stream.name, StreamARN: stream.arn, StreamStorageConfiguration: { DefaultStorageTier: stream.storageTier } };
}

/** The tier is kept and answered; every tier is stored alike here (R2). */
export async function updateStreamStorageConfiguration(
  input: UpdateStreamStorageConfigurationInput,
  context: RequestContext,
): Promise<UpdateStreamStorageConfigurationOutput> {
  const registry = videoRegistryFor(context.env, context.scope);
  unwrap(
    await registry.updateStorage(
      streamRef(input, context.scope),
      input.CurrentVersion,
      input.StreamStorageConfiguration.DefaultStorageTier,
    ),
  );
  return {};
}
