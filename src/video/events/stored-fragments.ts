/**
 * What a PutMedia session does with each fragment once it is stored (after its PERSISTED ack), as the stream's
 * features ask (stream-features.ts): images of fragments tagged for them (images/generation.ts), notifications
 * (of fragments tagged AWS_KINESISVIDEO_NOTIFICATION, as AWS sends them, and one per generated image), and
 * movement events (motion.ts). Work runs one fragment at a time, beside the ingest, so acks are not delayed;
 * failures are logged and never end the upload.
 *
 * Notification messages are AWS's SNS Message (StreamArn, FragmentNumber, FragmentStartProducerTimestamp,
 * FragmentStartServerTimestamp, NotificationType PERSISTED, NotificationPayload: the producer's other tags),
 * without SNS's envelope; a generated image's message has NotificationType IMAGE and the image's ImageUri and
 * timestamps (ours: AWS's notifications carry no image).
 */
import type { Clock } from "../../clock";
import type { Fragment, TrackInfo } from "../media";
import type { VideoStreamInfo } from "../stream-contract";
import type { StreamFeatures } from "../stream-features";
import type { FragmentRow } from "../stream-types";
import { imageDestination } from "../images/destination";
import { generateImages, type GeneratedImage } from "../images/generation";
import { deliverEvents, eventDestination, type EventMessage } from "./destinations";
import { MovementWatch } from "./motion";
import { fragmentRequests, type FragmentRequests } from "./tags";

/** Whether any feature would act on fragments (otherwise nothing is decoded or kept). */
export function anyFeatureEnabled(features: StreamFeatures): boolean {
  return [features.imageGeneration, features.notification, features.motionDetection].some((feature) => feature?.Status === "ENABLED");
}

export class StoredFragmentWork {
  private readonly movements: MovementWatch;

  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
    private readonly account: string,
    private readonly stream: VideoStreamInfo,
  ) {
    this.movements = new MovementWatch(env.RIVULET_VIDEO, stream);
  }

  async handle(row: FragmentRow, fragment: Fragment, tracks: readonly TrackInfo[], features: StreamFeatures): Promise<void> {
    const requests = fragmentRequests(row.tags);
    const images = await this.images(row, fragment, tracks, features, requests);
    await this.notify(row, features, requests, images);
    await this.detectMovement(row, fragment, tracks, features);
  }

  private async images(row: FragmentRow, fragment: Fragment, tracks: readonly TrackInfo[], features: StreamFeatures, requests: FragmentRequests): Promise<GeneratedImage[]> {
    const configuration = features.imageGeneration;
    if (configuration?.Status !== "ENABLED" || !requests.images) return [];
    try {
      const destination = imageDestination(configuration.DestinationConfig.Uri, this.env);
      return await generateImages(row, fragment, tracks, configuration, destination, {
        account: this.account,
        streamName: this.stream.streamName,
        imagePrefix: requests.imagePrefix,
        metadata: requests.custom,
      });
    } catch (error) {
      console.error(`Image generation for ${this.stream.streamName}, fragment ${row.number}, failed:`, error);
      return [];
    }
  }

  private async notify(row: FragmentRow, features: StreamFeatures, requests: FragmentRequests, images: readonly GeneratedImage[]): Promise<void> {
    const configuration = features.notification;
    if (configuration?.Status !== "ENABLED" || (!requests.notification && images.length === 0)) return;
    const base = {
      StreamArn: this.stream.streamArn,
      FragmentNumber: row.number,
      FragmentStartProducerTimestamp: row.producerMs,
      FragmentStartServerTimestamp: row.serverMs,
    };
    const messages: EventMessage[] = [];
    if (requests.notification) messages.push(this.message({ ...base, NotificationType: "PERSISTED", NotificationPayload: requests.custom }));
    for (const image of images) {
      messages.push(
        this.message({
          ...base,
          NotificationType: "IMAGE",
          ImageUri: image.uri,
          ImageProducerTimestamp: image.producerMs,
          ImageServerTimestamp: image.serverMs,
          NotificationPayload: requests.custom,
        }),
      );
    }
    await this.deliver(configuration.DestinationConfig.Uri, messages);
  }

  private async detectMovement(row: FragmentRow, fragment: Fragment, tracks: readonly TrackInfo[], features: StreamFeatures): Promise<void> {
    const configuration = features.motionDetection;
    if (configuration?.Status !== "ENABLED") return;
    try {
      const events = await this.movements.fragment(row, fragment, tracks, configuration);
      await this.deliver(configuration.DestinationConfig.Uri, events.map((event) => this.message(event)));
    } catch (error) {
      console.error(`Motion detection for ${this.stream.streamName}, fragment ${row.number}, failed:`, error);
    }
  }

  private message(body: unknown): EventMessage {
    return { partitionKey: this.stream.streamName, body };
  }

  private async deliver(uri: string, messages: readonly EventMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      await deliverEvents(this.env, this.clock, eventDestination(uri, this.env), messages);
    } catch (error) {
      console.error(`Events of ${this.stream.streamName} could not be sent to ${uri}:`, error);
    }
  }
}
