/**
 * Signaling channels (WebRTC) and their media storage configuration: not part of Rivulet. No
 * channel can exist here, so each operation answers as AWS does for an account without channels:
 * creating one exceeds the account's channel limit (here 0), naming one finds nothing, listing
 * them lists none.
 */
import { AccountChannelLimitExceededException, InvalidArgumentException, VideoResourceNotFoundException, type AwsError } from "../../aws/errors";
import type {
  CreateSignalingChannelInput,
  CreateSignalingChannelOutput,
  DeleteSignalingChannelOutput,
  DescribeMediaStorageConfigurationInput,
  DescribeMediaStorageConfigurationOutput,
  DescribeSignalingChannelInput,
  DescribeSignalingChannelOutput,
  GetSignalingChannelEndpointOutput,
  ListSignalingChannelsOutput,
  UpdateMediaStorageConfigurationOutput,
  UpdateSignalingChannelOutput,
} from "../shapes.generated";

export function channelNotFound(): AwsError {
  return new VideoResourceNotFoundException("The requested channel is not found or not active.");
}

export async function createSignalingChannel(input: CreateSignalingChannelInput): Promise<CreateSignalingChannelOutput> {
  throw new AccountChannelLimitExceededException(
    `Cannot create signaling channel ${input.ChannelName}: signaling channels (WebRTC) are not part of Rivulet, so the account's limit of active channels is 0.`,
  );
}

export async function describeSignalingChannel(input: DescribeSignalingChannelInput): Promise<DescribeSignalingChannelOutput> {
  return namedChannel(input);
}

export async function describeMediaStorageConfiguration(
  input: DescribeMediaStorageConfigurationInput,
): Promise<DescribeMediaStorageConfigurationOutput> {
  return namedChannel(input);
}

/** DeleteSignalingChannel, UpdateSignalingChannel, GetSignalingChannelEndpoint, UpdateMediaStorageConfiguration: by ChannelARN. */
export async function noSuchChannel(): Promise<
  DeleteSignalingChannelOutput & UpdateSignalingChannelOutput & GetSignalingChannelEndpointOutput & UpdateMediaStorageConfigurationOutput
> {
  throw channelNotFound();
}

export async function listSignalingChannels(): Promise<ListSignalingChannelsOutput> {
  return { ChannelInfoList: [] };
}

function namedChannel(input: { ChannelName?: string | undefined; ChannelARN?: string | undefined }): never {
  if (input.ChannelName === undefined && input.ChannelARN === undefined) {
    throw new InvalidArgumentException("Either ChannelName or ChannelARN must be specified.");
  }
  throw channelNotFound();
}
