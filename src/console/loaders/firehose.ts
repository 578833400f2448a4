/**
 * The Firehose pages' reads, each an API operation run as the signed-in user (callAws), and the
 * reading of a DeliveryStreamDescription the pages share: where records come from, where they go,
 * what processes them on the way.
 */
import type { JsonWire } from "../../aws/protocol";
import { callAws } from "../api";
import type { ConsoleContext } from "../auth";
import type {
  AmazonopensearchserviceDestinationDescription,
  AmazonOpenSearchServerlessDestinationDescription,
  DeliveryStreamDescription,
  DescribeDeliveryStreamOutput,
  ExtendedS3DestinationDescription,
  HttpEndpointDestinationDescription,
  IcebergDestinationDescription,
  ListDeliveryStreamsOutput,
  ProcessingConfiguration,
  Processor,
  RedshiftDestinationDescription,
  S3DestinationDescription,
  SplunkDestinationDescription,
} from "../../firehose/shapes.generated";

/** One ListDeliveryStreams page of this many names: the list shows at most these (AWS allows up to 10,000 a call). */
export const LISTED_DELIVERY_STREAMS = 100;

export function deliveryStreamPath(name: string): string {
  return `/console/firehose/${encodeURIComponent(name)}`;
}

export async function describeDeliveryStream(c: ConsoleContext, name: string): Promise<JsonWire<DeliveryStreamDescription>> {
  return (await callAws<JsonWire<DescribeDeliveryStreamOutput>>(c, "firehose", "DescribeDeliveryStream", { DeliveryStreamName: name }))
    .DeliveryStreamDescription;
}

export async function listDeliveryStreams(c: ConsoleContext): Promise<{ names: string[]; more: boolean }> {
  const page = await callAws<JsonWire<ListDeliveryStreamsOutput>>(c, "firehose", "ListDeliveryStreams", { Limit: LISTED_DELIVERY_STREAMS });
  return { names: page.DeliveryStreamNames, more: page.HasMoreDeliveryStreams };
}

export type Source = { kind: "DirectPut" } | { kind: "Kinesis"; streamArn: string; streamName: string; startedAt?: number };

export function sourceOf(description: JsonWire<DeliveryStreamDescription>): Source {
  const kinesis = description.Source?.KinesisStreamSourceDescription;
  const streamArn = kinesis?.KinesisStreamARN;
  if (!kinesis || streamArn === undefined) return { kind: "DirectPut" };
  return {
    kind: "Kinesis",
    streamArn,
    streamName: streamArn.slice(streamArn.indexOf(":stream/") + ":stream/".length),
    ...(kinesis.DeliveryStartTimestamp !== undefined && { startedAt: kinesis.DeliveryStartTimestamp * 1000 }),
  };
}

/** A delivery stream's one destination, whichever type it is. */
export type Destination =
  | { type: "S3"; target: string; s3: ExtendedS3DestinationDescription; processing?: ProcessingConfiguration; dynamicPartitioning: boolean }
  | { type: "Redshift"; target: string; s3: S3DestinationDescription; redshift: RedshiftDestinationDescription; processing?: ProcessingConfiguration; dynamicPartitioning: false }
  | { type: "HTTP endpoint"; target: string; s3?: S3DestinationDescription; http: HttpEndpointDestinationDescription; processing?: ProcessingConfiguration; dynamicPartitioning: false }
  | { type: "OpenSearch"; target: string; s3?: S3DestinationDescription; search: SearchDestination; processing?: ProcessingConfiguration; dynamicPartitioning: false }
  | { type: "Splunk"; target: string; s3?: S3DestinationDescription; splunk: SplunkDestinationDescription; processing?: ProcessingConfiguration; dynamicPartitioning: false }
  | { type: "Iceberg"; target: string; s3?: S3DestinationDescription; iceberg: IcebergDestinationDescription; processing?: ProcessingConfiguration; dynamicPartitioning: false }
  | { type: "None"; target: string; dynamicPartitioning: false; processing?: undefined; s3?: undefined };

/**
 * An OpenSearch destination, whichever of its three descriptions (the Elasticsearch API's has the
 * OpenSearch Service API's members); `service` names it as the console shows it.
 */
export type SearchDestination = (AmazonopensearchserviceDestinationDescription | AmazonOpenSearchServerlessDestinationDescription) & {
  service: "Amazon OpenSearch Service" | "Elasticsearch" | "Amazon OpenSearch Serverless";
};

function searchOf(destination: JsonWire<DeliveryStreamDescription>["Destinations"][number] | undefined): SearchDestination | undefined {
  if (destination?.AmazonopensearchserviceDestinationDescription) {
    return { ...destination.AmazonopensearchserviceDestinationDescription, service: "Amazon OpenSearch Service" };
  }
  if (destination?.ElasticsearchDestinationDescription) return { ...destination.ElasticsearchDestinationDescription, service: "Elasticsearch" };
  if (destination?.AmazonOpenSearchServerlessDestinationDescription) {
    return { ...destination.AmazonOpenSearchServerlessDestinationDescription, service: "Amazon OpenSearch Serverless" };
  }
  return undefined;
}

/** Where an OpenSearch destination's documents go: its endpoint, or its domain. */
export function clusterOf(search: SearchDestination): string {
  if ("CollectionEndpoint" in search && search.CollectionEndpoint) return search.CollectionEndpoint;
  if ("ClusterEndpoint" in search && search.ClusterEndpoint) return search.ClusterEndpoint;
  if ("DomainARN" in search && search.DomainARN) return search.DomainARN.slice(search.DomainARN.lastIndexOf("/") + 1);
  return "";
}

export function destinationOf(description: JsonWire<DeliveryStreamDescription>): Destination {
  const destination = description.Destinations[0];
  const search = searchOf(destination);
  if (search) {
    return {
      type: "OpenSearch",
      target: `${clusterOf(search)} · ${search.IndexName ?? ""}`,
      ...(search.S3DestinationDescription && { s3: search.S3DestinationDescription }),
      search,
      ...(search.ProcessingConfiguration && { processing: search.ProcessingConfiguration }),
      dynamicPartitioning: false,
    };
  }
  if (destination?.SplunkDestinationDescription) {
    const splunk = destination.SplunkDestinationDescription;
    return {
      type: "Splunk",
      target: splunk.HECEndpoint ?? "",
      ...(splunk.S3DestinationDescription && { s3: splunk.S3DestinationDescription }),
      splunk,
      ...(splunk.ProcessingConfiguration && { processing: splunk.ProcessingConfiguration }),
      dynamicPartitioning: false,
    };
  }
  if (destination?.IcebergDestinationDescription) {
    const iceberg = destination.IcebergDestinationDescription;
    return {
      type: "Iceberg",
      target: `${icebergWarehouseOf(iceberg)} · ${icebergTablesOf(iceberg).join(", ")}`,
      ...(iceberg.S3DestinationDescription && { s3: iceberg.S3DestinationDescription }),
      iceberg,
      ...(iceberg.ProcessingConfiguration && { processing: iceberg.ProcessingConfiguration }),
      dynamicPartitioning: false,
    };
  }
  if (destination?.HttpEndpointDestinationDescription) {
    const http = destination.HttpEndpointDestinationDescription;
    return {
      type: "HTTP endpoint",
      target: http.EndpointConfiguration?.Url ?? "",
      ...(http.S3DestinationDescription && { s3: http.S3DestinationDescription }),
      http,
      ...(http.ProcessingConfiguration && { processing: http.ProcessingConfiguration }),
      dynamicPartitioning: false,
    };
  }
  if (destination?.RedshiftDestinationDescription) {
    const redshift = destination.RedshiftDestinationDescription;
    return {
      type: "Redshift",
      target: `${d1DatabaseOf(redshift.ClusterJDBCURL)} · ${redshift.CopyCommand.DataTableName}`,
      s3: redshift.S3DestinationDescription,
      redshift,
      ...(redshift.ProcessingConfiguration && { processing: redshift.ProcessingConfiguration }),
      dynamicPartitioning: false,
    };
  }
  const s3 = destination?.ExtendedS3DestinationDescription ?? destination?.S3DestinationDescription;
  if (!s3) return { type: "None", target: "", dynamicPartitioning: false };
  const extended: ExtendedS3DestinationDescription = s3;
  return {
    type: "S3",
    target: bucketNameOf(s3.BucketARN),
    s3: extended,
    ...(extended.ProcessingConfiguration && { processing: extended.ProcessingConfiguration }),
    dynamicPartitioning: extended.DynamicPartitioningConfiguration?.Enabled === true,
  };
}

/**
 * Where an Iceberg destination's tables are kept: CatalogConfiguration.WarehouseLocation, or by default
 * the `iceberg/` folder of its S3 configuration's bucket (src/firehose/iceberg/destination.ts).
 */
export function icebergWarehouseOf(iceberg: IcebergDestinationDescription): string {
  const location = iceberg.CatalogConfiguration?.WarehouseLocation;
  if (location !== undefined) return location;
  const bucket = iceberg.S3DestinationDescription?.BucketARN;
  return bucket === undefined ? "" : `s3://${bucketNameOf(bucket)}/iceberg/`;
}

/** An Iceberg destination's configured tables, as `<database>.<table>`. */
export function icebergTablesOf(iceberg: IcebergDestinationDescription): string[] {
  return (iceberg.DestinationTableConfigurationList ?? []).map((table) => `${table.DestinationDatabaseName}.${table.DestinationTableName}`);
}

/** The processors that run: none when processing is off. */
export function activeProcessors(processing: ProcessingConfiguration | undefined): Processor[] {
  return processing?.Enabled === true ? (processing.Processors ?? []) : [];
}

export function bucketNameOf(bucketArn: string): string {
  return bucketArn.slice(bucketArn.indexOf(":::") + 3);
}

/**
 * The D1 database a Redshift destination loads into: the first label of ClusterJDBCURL's host
 * (src/firehose/redshift.ts maps it to a binding), or the URL itself when it has no host.
 */
export function d1DatabaseOf(jdbcUrl: string): string {
  const host = /^jdbc:redshift:\/\/([^/:?]+)/i.exec(jdbcUrl)?.[1];
  return host?.split(".")[0] ?? jdbcUrl;
}
