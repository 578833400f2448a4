/**
 * A stream's image generation, notification and motion detection configurations (stream-features.ts), kept by
 * the registry and acted on by every PutMedia session as its fragments are stored; and its mapped resources (a
 * signaling channel's storage, which does not exist here: always an empty list).
 *
 * Updating checks the configuration as AWS does before storing it: the stream must keep data
 * (NoDataRetentionException), SamplingInterval at least 200 ms, JPEGQuality 1..100; and what AWS would find
 * unusable at delivery is refused at once (InvalidArgumentException): an image destination `s3://bucket[/prefix]`
 * whose bucket is no R2 binding of this Worker (resolved as Firehose resolves bucket ARNs), a DestinationRegion
 * other than the stream's, a notification destination that is neither a Kinesis data stream ARN nor an https://
 * URL (events/destinations.ts). An update without a configuration removes it; describing a stream without one
 * answers `{}`. Status DISABLED is kept and does nothing.
 */
import { InvalidArgumentException, NoDataRetentionException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { videoRegistryFor } from "../../objects";
import { eventDestination } from "../events/destinations";
import { imageDestination } from "../images/destination";
import { jpegQuality } from "../images/options";
import { VIDEO_DATA } from "../limits";
import type {
  DescribeMotionDetectionConfigurationInput,
  DescribeMotionDetectionConfigurationOutput,
  MotionDetectionConfiguration,
  UpdateMotionDetectionConfigurationInput,
  UpdateMotionDetectionConfigurationOutput,
} from "../motion-shapes.generated";
import type { VideoStreamView } from "../registry";
import type {
  DescribeImageGenerationConfigurationInput,
  DescribeImageGenerationConfigurationOutput,
  DescribeMappedResourceConfigurationInput,
  DescribeMappedResourceConfigurationOutput,
  DescribeNotificationConfigurationInput,
  DescribeNotificationConfigurationOutput,
  ImageGenerationConfiguration,
  UpdateImageGenerationConfigurationInput,
  UpdateImageGenerationConfigurationOutput,
  UpdateNotificationConfigurationInput,
  UpdateNotificationConfigurationOutput,
} from "../shapes.generated";
import type { FeatureKind, StreamFeatures } from "../stream-features";
import { streamRef } from "./refs";

type StreamInput = { StreamName?: string | undefined; StreamARN?: string | undefined };

async function stream(input: StreamInput, context: RequestContext): Promise<VideoStreamView> {
  return unwrap(await videoRegistryFor(context.env, context.scope).describe(streamRef(input, context.scope)));
}

async function features(input: StreamInput, context: RequestContext): Promise<StreamFeatures> {
  return unwrap(await videoRegistryFor(context.env, context.scope).features(streamRef(input, context.scope)));
}

/** Checks that the stream keeps data, then stores (or removes) one configuration. */
async function configure<K extends FeatureKind>(input: StreamInput, context: RequestContext, kind: K, configuration: StreamFeatures[K] | undefined): Promise<void> {
  const found = await stream(input, context);
  if (found.retentionHours === 0) throw new NoDataRetentionException(`The stream ${found.name} has a data retention of 0 hours.`);
  unwrap(await videoRegistryFor(context.env, context.scope).setFeature(streamRef(input, context.scope), kind, configuration));
}

export async function describeMappedResourceConfiguration(
  input: DescribeMappedResourceConfigurationInput,
  context: RequestContext,
): Promise<DescribeMappedResourceConfigurationOutput> {
  await stream(input, context);
  return { MappedResourceConfigurationList: [] };
}

export async function describeImageGenerationConfiguration(
  input: DescribeImageGenerationConfigurationInput,
  context: RequestContext,
): Promise<DescribeImageGenerationConfigurationOutput> {
  const { imageGeneration } = await features(input, context);
  return imageGeneration ? { ImageGenerationConfiguration: imageGeneration } : {};
}

export async function updateImageGenerationConfiguration(
  input: UpdateImageGenerationConfigurationInput,
  context: RequestContext,
): Promise<UpdateImageGenerationConfigurationOutput> {
  const configuration = input.ImageGenerationConfiguration;
  if (configuration) checkImageGeneration(configuration, context);
  await configure(input, context, "imageGeneration", configuration);
  return {};
}

function checkImageGeneration(configuration: ImageGenerationConfiguration, context: RequestContext): void {
  checkSampling(configuration.SamplingInterval);
  jpegQuality(configuration.FormatConfig);
  const { Uri, DestinationRegion } = configuration.DestinationConfig;
  if (DestinationRegion !== context.scope.region) {
    throw new InvalidArgumentException(`DestinationConfig.DestinationRegion ${DestinationRegion} must be the stream's region, ${context.scope.region}.`);
  }
  imageDestination(Uri, context.env);
}

function checkSampling(intervalMs: number): void {
  if (intervalMs < VIDEO_DATA.imagesMinSamplingMs) {
    throw new InvalidArgumentException(`SamplingInterval must be at least ${VIDEO_DATA.imagesMinSamplingMs} milliseconds.`);
  }
}

export async function describeNotificationConfiguration(
  input: DescribeNotificationConfigurationInput,
  context: RequestContext,
): Promise<DescribeNotificationConfigurationOutput> {
  const { notification } = await features(input, context);
  return notification ? { NotificationConfiguration: notification } : {};
}

export async function updateNotificationConfiguration(
  input: UpdateNotificationConfigurationInput,
  context: RequestContext,
): Promise<UpdateNotificationConfigurationOutput> {
  const configuration = input.NotificationConfiguration;
  if (configuration) eventDestination(configuration.DestinationConfig.Uri, context.env);
  await configure(input, context, "notification", configuration);
  return {};
}

/** Movement alerts' defaults (decoder/motion.ts explains Sensitivity and MinAreaPercent). */
export const MOTION_DEFAULTS = { ImageSelectorType: "PRODUCER_TIMESTAMP", SamplingInterval: 1000, Sensitivity: 90, MinAreaPercent: 0.5 } as const;

export async function describeMotionDetectionConfiguration(
  input: DescribeMotionDetectionConfigurationInput,
  context: RequestContext,
): Promise<DescribeMotionDetectionConfigurationOutput> {
  const { motionDetection } = await features(input, context);
  return motionDetection ? { MotionDetectionConfiguration: motionDetection } : {};
}

export async function updateMotionDetectionConfiguration(
  input: UpdateMotionDetectionConfigurationInput,
  context: RequestContext,
): Promise<UpdateMotionDetectionConfigurationOutput> {
  const given = input.MotionDetectionConfiguration;
  let configuration: MotionDetectionConfiguration | undefined;
  if (given) {
    eventDestination(given.DestinationConfig.Uri, context.env);
    configuration = { ...MOTION_DEFAULTS, ...given };
  }
  await configure(input, context, "motionDetection", configuration);
  return {};
}
