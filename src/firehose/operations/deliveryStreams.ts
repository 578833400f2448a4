/** CreateDeliveryStream, DeleteDeliveryStream, DescribeDeliveryStream, ListDeliveryStreams, UpdateDestination. */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { destinationFrom, type ExtendedS3Input } from "../config";
import { httpEndpointAsExtended, type HttpEndpointInput } from "../destinations/http-endpoint";
import { icebergAsExtended, type IcebergInput } from "../iceberg/destination";
import { openSearchAsExtended, type OpenSearchInput, type OpenSearchKind } from "../destinations/opensearch";
import { splunkAsExtended, type SplunkInput } from "../destinations/splunk";
import { kinesisSourceFor } from "../kinesis-source";
import { FIREHOSE } from "../limits";
import { redshiftAsExtended, type RedshiftInput } from "../redshift";
import { firehoseRegistryFor } from "../../objects";
import type {
  CreateDeliveryStreamInput,
  CreateDeliveryStreamOutput,
  DeleteDeliveryStreamInput,
  DeleteDeliveryStreamOutput,
  DescribeDeliveryStreamInput,
  DescribeDeliveryStreamOutput,
  ListDeliveryStreamsInput,
  ListDeliveryStreamsOutput,
  UpdateDestinationInput,
  UpdateDestinationOutput,
} from "../shapes.generated";
import { describeView } from "../views";
import { checkKeyInput } from "./encryption";

/** Every destination member of CreateDeliveryStreamInput, in model order. */
const DESTINATIONS = [
  "S3DestinationConfiguration",
  "ExtendedS3DestinationConfiguration",
  "RedshiftDestinationConfiguration",
  "ElasticsearchDestinationConfiguration",
  "AmazonopensearchserviceDestinationConfiguration",
  "SplunkDestinationConfiguration",
  "HttpEndpointDestinationConfiguration",
  "AmazonOpenSearchServerlessDestinationConfiguration",
  "SnowflakeDestinationConfiguration",
  "IcebergDestinationConfiguration",
] as const;

const UPDATES = [
  "S3DestinationUpdate",
  "ExtendedS3DestinationUpdate",
  "RedshiftDestinationUpdate",
  "ElasticsearchDestinationUpdate",
  "AmazonopensearchserviceDestinationUpdate",
  "SplunkDestinationUpdate",
  "HttpEndpointDestinationUpdate",
  "AmazonOpenSearchServerlessDestinationUpdate",
  "SnowflakeDestinationUpdate",
  "IcebergDestinationUpdate",
] as const;

function registry(context: RequestContext) {
  return firehoseRegistryFor(context.env, context.scope);
}

/** Turns a destination member (validated against the model) into the S3-shaped input destinationFrom takes. */
type Converter = (configuration: object) => ExtendedS3Input;

const asS3: Converter = (configuration) => configuration as ExtendedS3Input;
// The other destinations are their S3 configuration plus a block of their own.
const asRedshift: Converter = (configuration) => redshiftAsExtended(configuration as RedshiftInput);
const asHttpEndpoint: Converter = (configuration) => httpEndpointAsExtended(configuration as HttpEndpointInput);
const asIceberg: Converter = (configuration) => icebergAsExtended(configuration as IcebergInput);
const asOpenSearch =
  (kind: OpenSearchKind): Converter =>
  (configuration) =>
    openSearchAsExtended(kind, configuration as OpenSearchInput);
const asSplunk: Converter = (configuration) => splunkAsExtended(configuration as SplunkInput);

/** The destinations Rivulet delivers to, by their member in CreateDeliveryStream and in UpdateDestination. */
const SUPPORTED: Readonly<Record<string, Converter>> = {
  S3DestinationConfiguration: asS3,
  ExtendedS3DestinationConfiguration: asS3,
  RedshiftDestinationConfiguration: asRedshift,
  HttpEndpointDestinationConfiguration: asHttpEndpoint,
  IcebergDestinationConfiguration: asIceberg,
  AmazonopensearchserviceDestinationConfiguration: asOpenSearch("AmazonOpenSearchService"),
  ElasticsearchDestinationConfiguration: asOpenSearch("Elasticsearch"),
  AmazonOpenSearchServerlessDestinationConfiguration: asOpenSearch("AmazonOpenSearchServerless"),
  SplunkDestinationConfiguration: asSplunk,
  S3DestinationUpdate: asS3,
  ExtendedS3DestinationUpdate: asS3,
  RedshiftDestinationUpdate: asRedshift,
  HttpEndpointDestinationUpdate: asHttpEndpoint,
  IcebergDestinationUpdate: asIceberg,
  AmazonopensearchserviceDestinationUpdate: asOpenSearch("AmazonOpenSearchService"),
  ElasticsearchDestinationUpdate: asOpenSearch("Elasticsearch"),
  AmazonOpenSearchServerlessDestinationUpdate: asOpenSearch("AmazonOpenSearchServerless"),
  SplunkDestinationUpdate: asSplunk,
};

/** The one destination of a request that must name exactly one, as the S3-shaped input destinationFrom takes. */
function onlyDestination<K extends string>(input: Partial<Record<K, object>>, keys: readonly K[]): ExtendedS3Input {
  const given = keys.filter((key) => input[key] !== undefined);
  if (given.length !== 1) throw new InvalidArgumentException("Exactly one destination configuration is supported for a Firehose");
  const key = given[0] as K;
  const convert = Object.hasOwn(SUPPORTED, key) ? SUPPORTED[key] : undefined;
  if (!convert) {
    throw new InvalidArgumentException(
      `${key} is not supported by Rivulet: only Amazon S3 (delivered to R2), Redshift (loaded into D1), HTTP endpoint, ` +
        "Amazon OpenSearch Service (and Serverless, and Elasticsearch), Splunk and Iceberg (tables in R2) destinations are.",
    );
  }
  return convert(input[key] as object);
}

export async function createDeliveryStream(input: CreateDeliveryStreamInput, context: RequestContext): Promise<CreateDeliveryStreamOutput> {
  const type = input.DeliveryStreamType ?? "DirectPut";
  if (type !== "DirectPut" && type !== "KinesisStreamAsSource") {
    throw new InvalidArgumentException(`DeliveryStreamType ${type} is not supported by Rivulet: only DirectPut and KinesisStreamAsSource are.`);
  }
  if (input.KinesisStreamSourceConfiguration && type !== "KinesisStreamAsSource") {
    throw new InvalidArgumentException("KinesisSourceStreamConfig is only applicable for KinesisStreamAsSource stream type");
  }
  const kinesis = input.KinesisStreamSourceConfiguration;
  if (type === "KinesisStreamAsSource") {
    if (!kinesis) throw new InvalidArgumentException("KinesisSourceStreamConfig is required for KinesisStreamAsSource stream type");
    if (input.DirectPutSourceConfiguration) {
      throw new InvalidArgumentException("DirectPutSourceConfiguration is only applicable for DirectPut stream type");
    }
    if (input.DeliveryStreamEncryptionConfigurationInput) {
      // AWS: a stream read from Kinesis is encrypted by its source stream's settings.
      throw new InvalidArgumentException("Server-side encryption is not supported for KinesisStreamAsSource stream type");
    }
    await kinesisSourceFor(context.env, context.scope, kinesis.KinesisStreamARN);
  }
  if (input.MSKSourceConfiguration || input.DatabaseSourceConfiguration) {
    throw new InvalidArgumentException(`Source configurations other than DirectPut are not applicable for ${type} stream type`);
  }
  const configuration = onlyDestination(input, DESTINATIONS);
  const encryption = input.DeliveryStreamEncryptionConfigurationInput;
  if (encryption) checkKeyInput(encryption);
  const arn = unwrap(
    await registry(context).create(context.scope, {
      name: input.DeliveryStreamName,
      type,
      destination: destinationFrom(configuration),
      directPut: input.DirectPutSourceConfiguration ?? null,
      kinesisSource: kinesis ? { KinesisStreamARN: kinesis.KinesisStreamARN, RoleARN: kinesis.RoleARN } : null,
      encryption: encryption ? { KeyType: encryption.KeyType, KeyARN: encryption.KeyARN } : null,
      tags: (input.Tags ?? []).map((tag) => [tag.Key, tag.Value ?? ""]),
    }),
  );
  return { DeliveryStreamARN: arn };
}

export async function deleteDeliveryStream(input: DeleteDeliveryStreamInput, context: RequestContext): Promise<DeleteDeliveryStreamOutput> {
  unwrap(await registry(context).delete(context.scope, input.DeliveryStreamName));
  return {};
}

export async function describeDeliveryStream(
  input: DescribeDeliveryStreamInput,
  context: RequestContext,
): Promise<DescribeDeliveryStreamOutput> {
  const stream = unwrap(await registry(context).describe(context.scope, input.DeliveryStreamName));
  return { DeliveryStreamDescription: describeView(stream, input.ExclusiveStartDestinationId) };
}

export async function listDeliveryStreams(input: ListDeliveryStreamsInput, context: RequestContext): Promise<ListDeliveryStreamsOutput> {
  const { names, hasMore } = unwrap(
    await registry(context).list(input.ExclusiveStartDeliveryStreamName ?? "", input.Limit ?? FIREHOSE.defaultListLimit, input.DeliveryStreamType),
  );
  return { DeliveryStreamNames: names, HasMoreDeliveryStreams: hasMore };
}

export async function updateDestination(input: UpdateDestinationInput, context: RequestContext): Promise<UpdateDestinationOutput> {
  const update = onlyDestination(input, UPDATES);
  unwrap(
    await registry(context).updateDestination(
      context.scope,
      input.DeliveryStreamName,
      input.CurrentDeliveryStreamVersionId,
      input.DestinationId,
      update,
    ),
  );
  return {};
}
