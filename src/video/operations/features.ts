/**
 * A stream's image generation and notification configurations (to be built in a later issue) and
 * its mapped resources (a signaling channel's storage, which does not exist here). Every stream
 * has none of them: describing answers an empty configuration, as AWS does for a stream without
 * one; removing a configuration (an update without one) succeeds; setting one is refused, with
 * AWS's NoDataRetentionException first when the stream keeps no data.
 */
import { InvalidArgumentException, NoDataRetentionException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { videoRegistryFor } from "../../objects";
import type { VideoStreamView } from "../registry";
import type {
  DescribeImageGenerationConfigurationInput,
  DescribeImageGenerationConfigurationOutput,
  DescribeMappedResourceConfigurationInput,
  DescribeMappedResourceConfigurationOutput,
  DescribeNotificationConfigurationInput,
  DescribeNotificationConfigurationOutput,
  UpdateImageGenerationConfigurationInput,
  UpdateImageGenerationConfigurationOutput,
  UpdateNotificationConfigurationInput,
  UpdateNotificationConfigurationOutput,
} from "../shapes.generated";
import { streamRef } from "./refs";

type StreamInput = { StreamName?: string | undefined; StreamARN?: string | undefined };

async function stream(input: StreamInput, context: RequestContext): Promise<VideoStreamView> {
  return unwrap(await videoRegistryFor(context.env, context.scope).describe(streamRef(input, context.scope)));
}

export async function describeMappedResourceConfiguration(
  input: DescribeMappedResourceConfigurationInput,
  context: RequestContext,
): Promise<DescribeMappedResourceConfigurationOutput> {
  await stream(input, context);
  return { MappedResourceConfigurationList: [] };
}

/** DescribeImageGenerationConfiguration and DescribeNotificationConfiguration. */
export async function noConfiguration(
  input: DescribeImageGenerationConfigurationInput | DescribeNotificationConfigurationInput,
  context: RequestContext,
): Promise<DescribeImageGenerationConfigurationOutput & DescribeNotificationConfigurationOutput> {
  await stream(input, context);
  return {};
}

export async function updateImageGenerationConfiguration(
  input: UpdateImageGenerationConfigurationInput,
  context: RequestContext,
): Promise<UpdateImageGenerationConfigurationOutput> {
  await refuseConfiguration(input, input.ImageGenerationConfiguration !== undefined, "Image generation", context);
  return {};
}

export async function updateNotificationConfiguration(
  input: UpdateNotificationConfigurationInput,
  context: RequestContext,
): Promise<UpdateNotificationConfigurationOutput> {
  await refuseConfiguration(input, input.NotificationConfiguration !== undefined, "Notification", context);
  return {};
}

async function refuseConfiguration(input: StreamInput, configured: boolean, feature: string, context: RequestContext): Promise<void> {
  const found = await stream(input, context);
  if (found.retentionHours === 0) throw new NoDataRetentionException(`The stream ${found.name} has a data retention of 0 hours.`);
  if (configured) throw new InvalidArgumentException(`${feature} configuration is not available in Rivulet yet.`);
}
