/**
 * OpenSearch destinations: AmazonopensearchserviceDestinationConfiguration,
 * ElasticsearchDestinationConfiguration and AmazonOpenSearchServerlessDestinationConfiguration
 * (and their updates): how they become the stored destination, AWS's checks, which cluster they
 * name, and how DescribeDeliveryStream shows them. Delivery is opensearch-bulk.ts.
 *
 * As for the HTTP endpoint destination, the stored destination keeps the S3Configuration as its S3
 * members (failed documents, and with S3BackupMode AllDocuments every source record, go to its
 * bucket) plus the `OpenSearch` block, which only delivery, buffering and DescribeDeliveryStream read.
 *
 * The cluster: ClusterEndpoint (or CollectionEndpoint) is a URL, `https://` (under `npm start` also
 * `http://` on a loopback host, the one rule of functions/targets.ts). A DomainARN
 * (`arn:aws:es:<region>:<account>:domain/<name>`) names the cluster given for `<name>` in the
 * RIVULET_OPENSEARCH_DOMAINS variable (JSON: domain name to a URL, or to the name of a service
 * binding), else the service binding named like the domain, upper-cased, `_` for every character
 * other than A-Z and 0-9 (as buckets name R2 bindings, buckets.ts).
 *
 * Differences from AWS: VpcConfiguration is refused (there are no VPCs to reach into); requests are
 * not signed (AWS signs them with the RoleARN's credentials: put the cluster behind a URL or service
 * binding that accepts them); TypeName is sent as `_type` whenever it is not empty (AWS asks the
 * domain for its version first); OpenSearch Serverless gets the same Firehose-generated document ids
 * as the other two.
 */
import { InvalidArgumentException } from "../../aws/errors";
import { endpointUrl, loopbackAllowed, serviceTarget } from "../../functions/targets";
import type { BufferingHints, CloudWatchLoggingOptions, ExtendedS3Members, S3Input } from "../s3-configuration";
import type { ProcessingConfiguration, S3DestinationDescription } from "../shapes.generated";
import { FIREHOSE } from "../limits";
import { nameMap } from "../name-map";

/** Which of the three API shapes the destination was created with: it decides the description, the folder of failed documents and the metrics. */
export type OpenSearchKind = "AmazonOpenSearchService" | "Elasticsearch" | "AmazonOpenSearchServerless";

export type IndexRotationPeriod = "NoRotation" | "OneHour" | "OneDay" | "OneWeek" | "OneMonth";
export type DocumentIdFormat = "FIREHOSE_DEFAULT" | "NO_DOCUMENT_ID";

/** What an OpenSearch destination holds beyond its S3 configuration (the *DestinationDescription's own members). */
export interface OpenSearchSettings {
  kind: OpenSearchKind;
  RoleARN: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  /** OpenSearch Serverless's name for the endpoint. */
  CollectionEndpoint?: string;
  IndexName: string;
  TypeName?: string;
  /** OpenSearch Serverless has none (NoRotation). */
  IndexRotationPeriod: IndexRotationPeriod;
  BufferingHints: BufferingHints;
  RetryOptions: { DurationInSeconds: number };
  S3BackupMode: "FailedDocumentsOnly" | "AllDocuments";
  CloudWatchLoggingOptions: CloudWatchLoggingOptions;
  DocumentIdOptions?: { DefaultDocumentIdFormat: DocumentIdFormat };
}

/** The three configurations and the three updates, as one shape (each has a subset of these members). */
export interface OpenSearchInput {
  RoleARN?: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  CollectionEndpoint?: string;
  IndexName?: string;
  TypeName?: string;
  IndexRotationPeriod?: IndexRotationPeriod;
  BufferingHints?: Partial<BufferingHints>;
  RetryOptions?: { DurationInSeconds?: number };
  S3BackupMode?: "FailedDocumentsOnly" | "AllDocuments";
  S3Configuration?: S3Input;
  S3Update?: S3Input;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  VpcConfiguration?: object;
  DocumentIdOptions?: { DefaultDocumentIdFormat: DocumentIdFormat };
}

/** What an update carries of the OpenSearch block (each member given replaces the current one). */
export type OpenSearchUpdate = Partial<Omit<OpenSearchSettings, "BufferingHints">> & { kind: OpenSearchKind; BufferingHints?: Partial<BufferingHints> };

/** The S3-shaped input (the S3 configuration, the processing chain and the OpenSearch members given) for destinationFrom. */
export function openSearchAsExtended(kind: OpenSearchKind, input: OpenSearchInput): ExtendedS3Members & { OpenSearch: OpenSearchUpdate } {
  if (input.VpcConfiguration) {
    throw new InvalidArgumentException(
      "Rivulet does not support VpcConfiguration: give the cluster's URL as ClusterEndpoint (or CollectionEndpoint), or map its DomainARN in RIVULET_OPENSEARCH_DOMAINS.",
    );
  }
  const s3 = input.S3Configuration ?? input.S3Update ?? {};
  const { S3Configuration: _s3, S3Update: _update, ProcessingConfiguration: processing, VpcConfiguration: _vpc, RetryOptions, ...members } = input;
  const update: OpenSearchUpdate = {
    ...dropUndefined(members),
    kind,
    ...(RetryOptions?.DurationInSeconds !== undefined && { RetryOptions: { DurationInSeconds: RetryOptions.DurationInSeconds } }),
  };
  return { ...s3, ProcessingConfiguration: processing, OpenSearch: update };
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}

/** The OpenSearch Service API and the Elasticsearch API name one service; Serverless is another. */
function sameService(a: OpenSearchKind, b: OpenSearchKind): boolean {
  return (a === "AmazonOpenSearchServerless") === (b === "AmazonOpenSearchServerless");
}

/** The OpenSearch members given, over the current ones (UpdateDestination of the same service) or AWS's defaults. */
export function mergeOpenSearch(input: OpenSearchUpdate, base?: OpenSearchSettings): OpenSearchSettings {
  const current = base && sameService(base.kind, input.kind) ? base : undefined;
  const serverless = input.kind === "AmazonOpenSearchServerless";
  const pick = <K extends keyof OpenSearchSettings>(key: K): OpenSearchSettings[K] | undefined =>
    (input[key] as OpenSearchSettings[K] | undefined) ?? current?.[key];
  const optional = <K extends "DomainARN" | "ClusterEndpoint" | "CollectionEndpoint" | "TypeName" | "DocumentIdOptions">(key: K) => {
    const value = pick(key);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    kind: input.kind,
    RoleARN: pick("RoleARN") ?? "",
    // An update names the cluster one way: a new ClusterEndpoint replaces a DomainARN and the other way round.
    ...(input.DomainARN !== undefined || input.ClusterEndpoint === undefined ? optional("DomainARN") : {}),
    ...(input.ClusterEndpoint !== undefined || input.DomainARN === undefined ? optional("ClusterEndpoint") : {}),
    ...optional("CollectionEndpoint"),
    IndexName: pick("IndexName") ?? "",
    ...optional("TypeName"),
    // AWS's default rotation is OneDay (ElasticsearchDestinationConfiguration); Serverless has none.
    IndexRotationPeriod: serverless ? "NoRotation" : (pick("IndexRotationPeriod") ?? "OneDay"),
    BufferingHints: {
      SizeInMBs: input.BufferingHints?.SizeInMBs ?? current?.BufferingHints.SizeInMBs ?? FIREHOSE.defaultSizeInMBs,
      IntervalInSeconds: input.BufferingHints?.IntervalInSeconds ?? current?.BufferingHints.IntervalInSeconds ?? FIREHOSE.defaultIntervalInSeconds,
    },
    RetryOptions: pick("RetryOptions") ?? { DurationInSeconds: FIREHOSE.openSearchDefaultRetrySeconds },
    S3BackupMode: pick("S3BackupMode") ?? "FailedDocumentsOnly",
    CloudWatchLoggingOptions: pick("CloudWatchLoggingOptions") ?? { Enabled: false },
    ...optional("DocumentIdOptions"),
  };
}

/** AWS's checks of an OpenSearch destination beyond the model, and what Rivulet cannot do. */
export function checkOpenSearch(env: Env, settings: OpenSearchSettings, previous?: OpenSearchSettings): void {
  if (previous && !sameService(previous.kind, settings.kind)) throw switchRefused();
  if (settings.IndexName === "") throw new InvalidArgumentException("IndexName is required for an Amazon OpenSearch Service destination.");
  if (settings.kind === "AmazonOpenSearchServerless") {
    if (settings.CollectionEndpoint === undefined) {
      throw new InvalidArgumentException("CollectionEndpoint is required for an Amazon OpenSearch Serverless destination.");
    }
    checkEndpointUrl(env, settings.CollectionEndpoint, "CollectionEndpoint");
    return;
  }
  if (settings.DomainARN !== undefined && settings.ClusterEndpoint !== undefined) {
    throw new InvalidArgumentException("Specify either ClusterEndpoint or DomainARN, not both.");
  }
  if (settings.ClusterEndpoint !== undefined) {
    checkEndpointUrl(env, settings.ClusterEndpoint, "ClusterEndpoint");
    return;
  }
  if (settings.DomainARN === undefined) throw new InvalidArgumentException("Either DomainARN or ClusterEndpoint is required.");
  if (!resolveCluster(env, settings)) {
    throw new InvalidArgumentException(
      `Domain ${settings.DomainARN} is not reachable: Rivulet sends its documents to the cluster RIVULET_OPENSEARCH_DOMAINS gives ` +
        `for ${domainNameOf(settings.DomainARN)}, or to the service binding named like the domain (upper-cased, '_' for other characters), ` +
        "and this Worker has neither.",
    );
  }
}

/** AWS: "Switching between Amazon OpenSearch Service and other services is not supported." */
export function switchRefused(): Error {
  return new InvalidArgumentException(
    "Switching between Amazon OpenSearch Service and other services is not supported. " +
      "For an Amazon OpenSearch Service destination, you can only update to another Amazon OpenSearch Service destination.",
  );
}

function checkEndpointUrl(env: Env, text: string, member: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentException(`The ${member} is not a valid URL: ${text}`);
  }
  if (url.protocol === "http:" && endpointUrl(text, loopbackAllowed(env)) === undefined) {
    throw new InvalidArgumentException(
      `The ${member} must use https://. Under npm start Rivulet also accepts http:// on 127.0.0.1, localhost and [::1].`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidArgumentException(`The ${member} must use https://: ${text}`);
}

// ---------------------------------------------------------------------------------------------
// The cluster

/** Where bulk requests go: a URL (the global fetch), or a service binding of this Worker. */
export type Cluster = { kind: "url"; base: string } | { kind: "service"; base: string; fetcher: Fetcher };

/** `arn:aws:es:...:domain/<name>` → `<name>`. */
export function domainNameOf(domainArn: string): string {
  return domainArn.slice(domainArn.lastIndexOf("/") + 1);
}

function domainMap(env: Env): Record<string, string> {
  return nameMap(env.RIVULET_OPENSEARCH_DOMAINS, "RIVULET_OPENSEARCH_DOMAINS");
}

/** The cluster the destination names now (bindings and variables change with deployments), or undefined. */
export function resolveCluster(env: Env, settings: OpenSearchSettings): Cluster | undefined {
  const direct = settings.kind === "AmazonOpenSearchServerless" ? settings.CollectionEndpoint : settings.ClusterEndpoint;
  if (direct !== undefined) {
    const url = endpointUrl(direct, loopbackAllowed(env));
    return url === undefined ? undefined : { kind: "url", base: url };
  }
  if (settings.DomainARN === undefined) return undefined;
  const domain = domainNameOf(settings.DomainARN);
  const mapped = domainMap(env)[domain];
  if (mapped !== undefined && /^https?:\/\//i.test(mapped)) {
    const url = endpointUrl(mapped, loopbackAllowed(env));
    return url === undefined ? undefined : { kind: "url", base: url };
  }
  const service = serviceTarget(mapped ?? domain.toUpperCase().replace(/[^A-Z0-9]/g, "_"), env);
  return service ? { kind: "service", base: `https://${domain}`, fetcher: service.fetcher } : undefined;
}

// ---------------------------------------------------------------------------------------------
// DescribeDeliveryStream

/** The member of DestinationDescription each kind is described under. */
const DESCRIPTION_MEMBER: Readonly<Record<OpenSearchKind, string>> = {
  AmazonOpenSearchService: "AmazonopensearchserviceDestinationDescription",
  Elasticsearch: "ElasticsearchDestinationDescription",
  AmazonOpenSearchServerless: "AmazonOpenSearchServerlessDestinationDescription",
};

/** The destination's description, in the model's member order, under its member name. */
export function openSearchDescription(
  settings: OpenSearchSettings,
  s3: S3DestinationDescription,
  processing: ProcessingConfiguration | undefined,
): Record<string, unknown> {
  const serverless = settings.kind === "AmazonOpenSearchServerless";
  const description = {
    RoleARN: settings.RoleARN,
    ...(settings.DomainARN !== undefined && { DomainARN: settings.DomainARN }),
    ...(settings.ClusterEndpoint !== undefined && { ClusterEndpoint: settings.ClusterEndpoint }),
    ...(settings.CollectionEndpoint !== undefined && { CollectionEndpoint: settings.CollectionEndpoint }),
    IndexName: settings.IndexName,
    ...(settings.TypeName !== undefined && { TypeName: settings.TypeName }),
    ...(!serverless && { IndexRotationPeriod: settings.IndexRotationPeriod }),
    BufferingHints: settings.BufferingHints,
    RetryOptions: settings.RetryOptions,
    S3BackupMode: settings.S3BackupMode,
    S3DestinationDescription: s3,
    ...(processing && { ProcessingConfiguration: processing }),
    CloudWatchLoggingOptions: settings.CloudWatchLoggingOptions,
    ...(settings.DocumentIdOptions && { DocumentIdOptions: settings.DocumentIdOptions }),
  };
  return { [DESCRIPTION_MEMBER[settings.kind]]: description };
}
