/**
 * What a stream does with its fragments once they are stored, beyond keeping them: the configurations the
 * control plane keeps beside the stream's definition (in the registry, one row each) and hands to the data
 * plane with the stream (VideoStreamInfo.features), so each PutMedia session acts on them.
 *
 * - imageGeneration (UpdateImageGenerationConfiguration): images of fragments tagged
 *   AWS_KINESISVIDEO_IMAGE_GENERATION, written to R2 (images/generation.ts);
 * - notification (UpdateNotificationConfiguration): a message per fragment tagged
 *   AWS_KINESISVIDEO_NOTIFICATION, and per generated image (events/notifications.ts);
 * - motionDetection (ours, UpdateMotionDetectionConfiguration): movement events (events/motion.ts).
 */
import type { MotionDetectionConfiguration } from "./motion-shapes.generated";
import type { ImageGenerationConfiguration, NotificationConfiguration } from "./shapes.generated";

export interface StreamFeatures {
  imageGeneration?: ImageGenerationConfiguration;
  notification?: NotificationConfiguration;
  motionDetection?: MotionDetectionConfiguration;
}

export type FeatureKind = keyof StreamFeatures;

export const FEATURE_KINDS: readonly FeatureKind[] = ["imageGeneration", "notification", "motionDetection"];
