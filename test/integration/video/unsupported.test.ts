/**
 * The operations of features Rivulet does not have, answered as AWS answers where they do not
 * apply: signaling channels and their media storage (no channel exists), edge configuration (no
 * stream has one), mapped resources, image generation and notifications (no stream has any).
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  createActiveVideoStream,
  expectVideoFailure,
  NOT_FOUND,
  REGION,
  uniqueName,
  useVideoClock,
  videoOk,
} from "./helpers";

beforeEach(useVideoClock);

const CHANNEL_ARN = `arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:channel/door/1700000000000`;
const CHANNEL_NOT_FOUND = "The requested channel is not found or not active.";

describe("signaling channels", () => {
  it("cannot be created: the account's limit of channels is 0", async () => {
    await expectVideoFailure(
      "/createSignalingChannel",
      { ChannelName: "door" },
      400,
      "AccountChannelLimitExceededException",
      "Cannot create signaling channel door: signaling channels (WebRTC) are not part of Rivulet, so the account's limit of active channels is 0.",
    );
  });

  it("are listed as none and found nowhere", async () => {
    expect(await videoOk("/listSignalingChannels", {})).toEqual({ ChannelInfoList: [] });
    await expectVideoFailure("/describeSignalingChannel", { ChannelName: "door" }, 404, "ResourceNotFoundException", CHANNEL_NOT_FOUND);
    await expectVideoFailure("/describeSignalingChannel", {}, 400, "InvalidArgumentException", "Either ChannelName or ChannelARN must be specified.");
    await expectVideoFailure("/updateSignalingChannel", { ChannelARN: CHANNEL_ARN, CurrentVersion: "v1" }, 404, "ResourceNotFoundException", CHANNEL_NOT_FOUND);
    await expectVideoFailure("/deleteSignalingChannel", { ChannelARN: CHANNEL_ARN }, 404, "ResourceNotFoundException", CHANNEL_NOT_FOUND);
    await expectVideoFailure("/getSignalingChannelEndpoint", { ChannelARN: CHANNEL_ARN }, 404, "ResourceNotFoundException", CHANNEL_NOT_FOUND);
    await expectVideoFailure("/describeMediaStorageConfiguration", { ChannelARN: CHANNEL_ARN }, 404, "ResourceNotFoundException", CHANNEL_NOT_FOUND);
    await expectVideoFailure(
      "/updateMediaStorageConfiguration",
      { ChannelARN: CHANNEL_ARN, MediaStorageConfiguration: { Status: "ENABLED" } },
      404,
      "ResourceNotFoundException",
      CHANNEL_NOT_FOUND,
    );
  });
});

describe("edge configuration", () => {
  it("is never set on a stream, and cannot be started", async () => {
    const info = await createActiveVideoStream({ DataRetentionInHours: 1 });
    const none = `The stream ${info.StreamName} has no edge configuration.`;
    await expectVideoFailure("/describeEdgeConfiguration", { StreamName: info.StreamName }, 404, "StreamEdgeConfigurationNotFoundException", none);
    await expectVideoFailure("/deleteEdgeConfiguration", { StreamARN: info.StreamARN }, 404, "StreamEdgeConfigurationNotFoundException", none);
    const edgeConfig = {
      HubDeviceArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thing/hub`,
      RecorderConfig: { MediaSourceConfig: { MediaUriSecretArn: "arn:aws:secretsmanager:us-east-1:000000000000:secret:cam", MediaUriType: "RTSP_URI" } },
    };
    await expectVideoFailure(
      "/startEdgeConfigurationUpdate",
      { StreamName: info.StreamName, EdgeConfig: edgeConfig },
      400,
      "InvalidArgumentException",
      `The edge agent of ${edgeConfig.HubDeviceArn} cannot be configured: edge configuration is not part of Rivulet.`,
    );
    const noRetention = await createActiveVideoStream();
    await expectVideoFailure(
      "/startEdgeConfigurationUpdate",
      { StreamName: noRetention.StreamName, EdgeConfig: edgeConfig },
      400,
      "NoDataRetentionException",
      `The stream ${noRetention.StreamName} has a data retention of 0 hours.`,
    );
    expect(await videoOk("/listEdgeAgentConfigurations", { HubDeviceArn: edgeConfig.HubDeviceArn })).toEqual({ EdgeConfigs: [] });
    await expectVideoFailure("/describeEdgeConfiguration", { StreamName: uniqueName("missing") }, 404, "ResourceNotFoundException", NOT_FOUND);
  });
});

describe("a stream's mapped resources, image generation and notification configurations", () => {
  it("are none until set; set ones are described as given and removed by an update without one", async () => {
    const info = await createActiveVideoStream({ DataRetentionInHours: 24 });
    expect(await videoOk("/describeMappedResourceConfiguration", { StreamName: info.StreamName })).toEqual({ MappedResourceConfigurationList: [] });
    expect(await videoOk("/describeImageGenerationConfiguration", { StreamName: info.StreamName })).toEqual({});
    expect(await videoOk("/describeNotificationConfiguration", { StreamARN: info.StreamARN })).toEqual({});
    expect(await videoOk("/updateImageGenerationConfiguration", { StreamName: info.StreamName })).toEqual({});
    expect(await videoOk("/updateNotificationConfiguration", { StreamName: info.StreamName })).toEqual({});
    // No SNS here: a notification goes to a Kinesis data stream or an https:// endpoint.
    await expectVideoFailure(
      "/updateNotificationConfiguration",
      { StreamName: info.StreamName, NotificationConfiguration: { Status: "ENABLED", DestinationConfig: { Uri: "arn:aws:sns:us-east-1:000000000000:topic" } } },
      400,
      "InvalidArgumentException",
      "DestinationConfig.Uri arn:aws:sns:us-east-1:000000000000:topic must be a Kinesis data stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>) or an https:// URL.",
    );
    const images = {
      Status: "ENABLED",
      ImageSelectorType: "SERVER_TIMESTAMP",
      DestinationConfig: { Uri: "s3://rivulet-deliveries/images", DestinationRegion: REGION },
      SamplingInterval: 3000,
      Format: "JPEG",
    };
    await expectVideoFailure(
      "/updateImageGenerationConfiguration",
      { StreamName: info.StreamName, ImageGenerationConfiguration: { ...images, DestinationConfig: { Uri: "s3://no-such-bucket/images", DestinationRegion: REGION } } },
      400,
      "InvalidArgumentException",
      "The bucket no-such-bucket cannot be reached: it is not an R2 bucket bound to this deployment (README: Destinations: S3 on R2).",
    );
    await expectVideoFailure(
      "/updateImageGenerationConfiguration",
      { StreamName: info.StreamName, ImageGenerationConfiguration: { ...images, SamplingInterval: 199 } },
      400,
      "InvalidArgumentException",
      "SamplingInterval must be at least 200 milliseconds.",
    );
    expect(await videoOk("/describeImageGenerationConfiguration", { StreamName: info.StreamName })).toEqual({});
    expect(await videoOk("/updateImageGenerationConfiguration", { StreamName: info.StreamName, ImageGenerationConfiguration: images })).toEqual({});
    expect(await videoOk("/describeImageGenerationConfiguration", { StreamName: info.StreamName })).toEqual({ ImageGenerationConfiguration: images });
    const notification = { Status: "ENABLED", DestinationConfig: { Uri: `arn:aws:kinesis:${REGION}:000000000000:stream/alerts` } };
    expect(await videoOk("/updateNotificationConfiguration", { StreamARN: info.StreamARN, NotificationConfiguration: notification })).toEqual({});
    expect(await videoOk("/describeNotificationConfiguration", { StreamName: info.StreamName })).toEqual({ NotificationConfiguration: notification });
    expect(await videoOk("/updateImageGenerationConfiguration", { StreamName: info.StreamName })).toEqual({});
    expect(await videoOk("/describeImageGenerationConfiguration", { StreamName: info.StreamName })).toEqual({});    const noRetention = await createActiveVideoStream();
    await expectVideoFailure(
      "/updateImageGenerationConfiguration",
      { StreamName: noRetention.StreamName },
      400,
      "NoDataRetentionException",
      `The stream ${noRetention.StreamName} has a data retention of 0 hours.`,
    );
    await expectVideoFailure("/describeImageGenerationConfiguration", { StreamName: uniqueName("missing") }, 404, "ResourceNotFoundException", NOT_FOUND);
  });
});
