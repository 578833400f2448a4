/**
 * The Splunk destination (SplunkDestinationConfiguration, SplunkDestinationUpdate): how it becomes
 * the stored destination, AWS's checks and its description. Delivery is splunk-hec.ts.
 *
 * As for the HTTP endpoint destination, the stored destination keeps the S3Configuration as its S3
 * members (failed events, and with S3BackupMode AllEvents every source record, go to its bucket)
 * plus the `Splunk` block, which only delivery, buffering and DescribeDeliveryStream read.
 *
 * HECEndpoint is the URL of Splunk's HTTP Event Collector (`https://splunk.example.com:8088`); the
 * collector's paths are appended to it. It must be `https://` (under `npm start` also `http://` on a
 * loopback host, functions/targets.ts's one rule). Differences from AWS: SecretsManagerConfiguration
 * cannot be enabled (give HECToken); CloudWatch logging options are kept and ignored.
 */
import { InvalidArgumentException } from "../../aws/errors";
import { endpointUrl, loopbackAllowed } from "../../functions/targets";
import type { BufferingHints, CloudWatchLoggingOptions, ExtendedS3Members, S3Input } from "../s3-configuration";
import type { ProcessingConfiguration, S3DestinationDescription } from "../shapes.generated";
import { FIREHOSE } from "../limits";
import type { SecretsManagerConfiguration } from "./http-endpoint";

/** What a Splunk destination holds beyond its S3 configuration (SplunkDestinationDescription's own members). */
export interface SplunkSettings {
  HECEndpoint: string;
  HECEndpointType: "Raw" | "Event";
  HECToken?: string;
  HECAcknowledgmentTimeoutInSeconds: number;
  RetryOptions: { DurationInSeconds: number };
  S3BackupMode: "FailedEventsOnly" | "AllEvents";
  CloudWatchLoggingOptions: CloudWatchLoggingOptions;
  BufferingHints: BufferingHints;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
}

/** SplunkDestinationConfiguration and SplunkDestinationUpdate. */
export interface SplunkInput {
  HECEndpoint?: string;
  HECEndpointType?: "Raw" | "Event";
  HECToken?: string;
  HECAcknowledgmentTimeoutInSeconds?: number;
  RetryOptions?: { DurationInSeconds?: number };
  S3BackupMode?: "FailedEventsOnly" | "AllEvents";
  S3Configuration?: S3Input;
  S3Update?: S3Input;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  BufferingHints?: Partial<BufferingHints>;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
}

/** What an update carries of the Splunk block (each member given replaces the current one). */
export type SplunkUpdate = Partial<Omit<SplunkSettings, "BufferingHints">> & { BufferingHints?: Partial<BufferingHints> };

/** The S3-shaped input (the S3 configuration, the processing chain and the Splunk members given) for destinationFrom. */
export function splunkAsExtended(input: SplunkInput): ExtendedS3Members & { Splunk: SplunkUpdate } {
  const s3 = input.S3Configuration ?? input.S3Update ?? {};
  const { S3Configuration: _s3, S3Update: _update, ProcessingConfiguration: processing, RetryOptions, ...members } = input;
  const update: SplunkUpdate = Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined));
  if (RetryOptions?.DurationInSeconds !== undefined) update.RetryOptions = { DurationInSeconds: RetryOptions.DurationInSeconds };
  return { ...s3, ProcessingConfiguration: processing, Splunk: update };
}

/** The Splunk members given, over the current ones (UpdateDestination) or the defaults. */
export function mergeSplunk(input: SplunkUpdate, base?: SplunkSettings): SplunkSettings {
  const token = input.HECToken ?? base?.HECToken;
  const secrets = input.SecretsManagerConfiguration ?? base?.SecretsManagerConfiguration;
  return {
    // A destination switched to Splunk without an endpoint has none; checkSplunk refuses it.
    HECEndpoint: input.HECEndpoint ?? base?.HECEndpoint ?? "",
    HECEndpointType: input.HECEndpointType ?? base?.HECEndpointType ?? "Raw",
    ...(token !== undefined && { HECToken: token }),
    HECAcknowledgmentTimeoutInSeconds:
      input.HECAcknowledgmentTimeoutInSeconds ?? base?.HECAcknowledgmentTimeoutInSeconds ?? FIREHOSE.splunkDefaultAckTimeoutSeconds,
    RetryOptions: input.RetryOptions ?? base?.RetryOptions ?? { DurationInSeconds: FIREHOSE.splunkDefaultRetrySeconds },
    S3BackupMode: input.S3BackupMode ?? base?.S3BackupMode ?? "FailedEventsOnly",
    CloudWatchLoggingOptions: input.CloudWatchLoggingOptions ?? base?.CloudWatchLoggingOptions ?? { Enabled: false },
    BufferingHints: {
      SizeInMBs: input.BufferingHints?.SizeInMBs ?? base?.BufferingHints.SizeInMBs ?? FIREHOSE.defaultSizeInMBs,
      IntervalInSeconds: input.BufferingHints?.IntervalInSeconds ?? base?.BufferingHints.IntervalInSeconds ?? FIREHOSE.splunkDefaultIntervalInSeconds,
    },
    ...(secrets !== undefined && { SecretsManagerConfiguration: secrets }),
  };
}

/** AWS's checks of a Splunk destination beyond the model, and what Rivulet cannot do. */
export function checkSplunk(env: Env, settings: SplunkSettings, previous?: SplunkSettings): void {
  const text = settings.HECEndpoint;
  if (text === "") throw new InvalidArgumentException("HECEndpoint is required for a Splunk destination.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentException(`The HECEndpoint is not a valid URL: ${text}`);
  }
  if (url.protocol !== "https:" && endpointUrl(text, loopbackAllowed(env)) === undefined) {
    throw new InvalidArgumentException(
      "The HECEndpoint must use https://. Under npm start Rivulet also accepts http:// on 127.0.0.1, localhost and [::1].",
    );
  }
  if (settings.SecretsManagerConfiguration?.Enabled === true) {
    throw new InvalidArgumentException("Rivulet does not support SecretsManagerConfiguration: give the HEC token as HECToken.");
  }
  if (previous?.S3BackupMode === "AllEvents" && settings.S3BackupMode === "FailedEventsOnly") {
    // SplunkDestinationUpdate: "You can't update it from AllEvents to FailedEventsOnly."
    throw new InvalidArgumentException("S3BackupMode can't be updated from AllEvents to FailedEventsOnly.");
  }
}

/** SplunkDestinationDescription, in the model's member order. */
export function splunkDescription(
  settings: SplunkSettings,
  s3: S3DestinationDescription,
  processing: ProcessingConfiguration | undefined,
): { SplunkDestinationDescription: Record<string, unknown> } {
  return {
    SplunkDestinationDescription: {
      HECEndpoint: settings.HECEndpoint,
      HECEndpointType: settings.HECEndpointType,
      ...(settings.HECToken !== undefined && { HECToken: settings.HECToken }),
      HECAcknowledgmentTimeoutInSeconds: settings.HECAcknowledgmentTimeoutInSeconds,
      RetryOptions: settings.RetryOptions,
      S3BackupMode: settings.S3BackupMode,
      S3DestinationDescription: s3,
      ...(processing && { ProcessingConfiguration: processing }),
      CloudWatchLoggingOptions: settings.CloudWatchLoggingOptions,
      BufferingHints: settings.BufferingHints,
      ...(settings.SecretsManagerConfiguration && { SecretsManagerConfiguration: settings.SecretsManagerConfiguration }),
    },
  };
}
