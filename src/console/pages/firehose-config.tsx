/**
 * A delivery stream's configuration in readable form, from DescribeDeliveryStream: where records
 * come from, the processing chain with each processor's parameters (a `jsonata:` LambdaArn shown as
 * the expression it is, delimiters decoded from base64), dynamic partitioning, and the destination
 * (bucket, prefixes, buffering, compression, backup; a Redshift destination's D1 table and columns;
 * an HTTP endpoint's URL; an OpenSearch cluster and index; a Splunk collector; Iceberg tables, their
 * warehouse and catalog). Every value is text that JSX escapes.
 */
import type { FC } from "hono/jsx";
import { formatTime } from "../format";
import { activeProcessors, bucketNameOf, clusterOf, d1DatabaseOf, icebergWarehouseOf, type Destination, type Source } from "../loaders/firehose";
import type { BufferingHints, ProcessingConfiguration, Processor, ProcessorParameter, S3DestinationDescription } from "../../firehose/shapes.generated";
import { streamPath } from "../loaders/kinesis";

/** Parameters that hold bytes as base64 (a delimiter): shown decoded. */
const BASE64_PARAMETERS = new Set(["Delimiter"]);
/** Parameters whose value is a program: shown as a block of code. */
const CODE_PARAMETERS = new Set(["MetadataExtractionQuery"]);
const JSONATA_PREFIX = "jsonata:";

/** What Firehose does with records when a prefix is not given (AWS: "YYYY/MM/dd/HH/" in UTC). */
const DEFAULT_PREFIX = "YYYY/MM/dd/HH/ (the default)";

const Fact: FC<{ label: string; wide?: boolean; testId?: string; children?: unknown }> = ({ label, wide, testId, children }) => (
  <div class={wide ? "wide" : undefined}>
    <dt>{label}</dt>
    <dd data-testid={testId}>{children}</dd>
  </div>
);

export const SourceFacts: FC<{ source: Source }> = ({ source }) => (
  <dl class="facts" data-testid="firehose-source">
    {source.kind === "DirectPut" ? (
      <Fact label="Source" testId="source-kind">
        Direct PUT (PutRecord, PutRecordBatch)
      </Fact>
    ) : (
      <>
        <Fact label="Source" testId="source-kind">
          Kinesis data stream{" "}
          <a href={streamPath(source.streamName)} data-testid="source-stream">
            {source.streamName}
          </a>
        </Fact>
        {source.startedAt !== undefined ? <Fact label="Reading since">{formatTime(source.startedAt)}</Fact> : null}
        <Fact label="Stream ARN" wide>
          <code>{source.streamArn}</code>
        </Fact>
      </>
    )}
  </dl>
);

/** A base64 delimiter as the characters it stands for, escaped the way a JSON string writes them. */
function delimiterText(base64: string): string {
  try {
    return JSON.stringify(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.fromBase64(base64)));
  } catch {
    return "(not UTF-8)";
  }
}

const ParameterValue: FC<{ parameter: ProcessorParameter }> = ({ parameter }) => {
  const { ParameterName: name, ParameterValue: value } = parameter;
  if (name === "LambdaArn" && value.startsWith(JSONATA_PREFIX)) {
    return (
      <>
        <span class="muted small">JSONata expression (no function: each record is rewritten by it)</span>
        <pre class="record-data" data-testid="jsonata-expression">
          {value.slice(JSONATA_PREFIX.length).trim()}
        </pre>
      </>
    );
  }
  if (CODE_PARAMETERS.has(name)) {
    return (
      <pre class="record-data" data-testid={`parameter-${name}`}>
        {value}
      </pre>
    );
  }
  if (BASE64_PARAMETERS.has(name)) {
    return (
      <span data-testid={`parameter-${name}`}>
        <code>{delimiterText(value)}</code> <span class="muted small">(base64 {value})</span>
      </span>
    );
  }
  return <code data-testid={`parameter-${name}`}>{value}</code>;
};

/** What each processor type does, in a few words (AWS's processor types, and what Rivulet does with them). */
const PROCESSOR_PURPOSE: Readonly<Record<string, string>> = {
  RecordDeAggregation: "splits aggregated records",
  Decompression: "decompresses records",
  CloudWatchLogProcessing: "extracts CloudWatch Logs messages",
  Lambda: "transforms records",
  MetadataExtraction: "extracts partition keys",
  AppendDelimiterToRecord: "appends a delimiter to each record",
};

const ProcessorItem: FC<{ processor: Processor; index: number }> = ({ processor, index }) => (
  <li class="record" data-testid="processor" data-type={processor.Type}>
    <div class="record-meta">
      <span class="mono">
        {index + 1}. {processor.Type}
      </span>
      {PROCESSOR_PURPOSE[processor.Type] ? <span class="muted">{PROCESSOR_PURPOSE[processor.Type]}</span> : null}
    </div>
    {(processor.Parameters ?? []).length === 0 ? (
      <p class="muted small">No parameters.</p>
    ) : (
      <dl class="facts">
        {(processor.Parameters ?? []).map((parameter) => (
          <Fact label={parameter.ParameterName} wide>
            <ParameterValue parameter={parameter} />
          </Fact>
        ))}
      </dl>
    )}
  </li>
);

export const ProcessingChain: FC<{ processing: ProcessingConfiguration | undefined }> = ({ processing }) => {
  const processors = activeProcessors(processing);
  if (processors.length === 0) {
    return (
      <p class="muted" data-testid="no-processing">
        {processing?.Processors?.length ? "Processing is configured but disabled: records are delivered as they were put." : "No processing: records are delivered as they were put."}
      </p>
    );
  }
  return (
    <ol class="records" data-testid="processing-chain">
      {processors.map((processor, index) => (
        <ProcessorItem processor={processor} index={index} />
      ))}
    </ol>
  );
};

function bufferingText(hints: BufferingHints | undefined): string {
  if (!hints) return "—";
  return `${hints.SizeInMBs ?? "?"} MiB or ${hints.IntervalInSeconds ?? "?"} s, whichever comes first`;
}

function encryptionText(s3: S3DestinationDescription): string {
  const kms = s3.EncryptionConfiguration?.KMSEncryptionConfig?.AWSKMSKeyARN;
  return kms ? `KMS (${kms})` : "None";
}

/** A bucket and how objects are written to it: the destination's own, or a backup's. */
const BucketFacts: FC<{ s3: S3DestinationDescription; testId: string }> = ({ s3, testId }) => (
  <dl class="facts" data-testid={testId}>
    <Fact label="Bucket" testId="bucket">
      {bucketNameOf(s3.BucketARN)}
    </Fact>
    <Fact label="Prefix" testId="prefix">
      {s3.Prefix ? <code>{s3.Prefix}</code> : <span class="muted">{DEFAULT_PREFIX}</span>}
    </Fact>
    <Fact label="Error output prefix" testId="error-prefix">
      {s3.ErrorOutputPrefix ? <code>{s3.ErrorOutputPrefix}</code> : <span class="muted">none (failed records go under the prefix)</span>}
    </Fact>
    <Fact label="Buffering" testId="buffering">
      {bufferingText(s3.BufferingHints)}
    </Fact>
    <Fact label="Compression" testId="compression">
      {s3.CompressionFormat ?? "UNCOMPRESSED"}
    </Fact>
    <Fact label="Encryption">{encryptionText(s3)}</Fact>
    <Fact label="Bucket ARN" wide>
      <code>{s3.BucketARN}</code>
    </Fact>
  </dl>
);

export const DestinationFacts: FC<{ destination: Destination }> = ({ destination }) => {
  switch (destination.type) {
    case "None":
      return <p class="muted">No destination described.</p>;
    case "S3": {
      const s3 = destination.s3;
      return (
        <div class="stack" data-testid="destination" data-type="S3">
          <p>
            <strong>Amazon S3</strong> <span class="muted">(delivered to the R2 bucket bound under its name)</span>
          </p>
          <BucketFacts s3={s3} testId="destination-bucket" />
          <dl class="facts">
            {s3.FileExtension ? <Fact label="File extension">{s3.FileExtension}</Fact> : null}
            {s3.CustomTimeZone ? <Fact label="Time zone of prefixes">{s3.CustomTimeZone}</Fact> : null}
            <Fact label="Backup of source records" testId="backup-mode">
              {s3.S3BackupMode ?? "Disabled"}
            </Fact>
          </dl>
          {s3.S3BackupMode === "Enabled" && s3.S3BackupDescription ? (
            <>
              <h3>Backup</h3>
              <BucketFacts s3={s3.S3BackupDescription} testId="backup-bucket" />
            </>
          ) : null}
        </div>
      );
    }
    case "Redshift": {
      const { redshift } = destination;
      return (
        <div class="stack" data-testid="destination" data-type="Redshift">
          <p>
            <strong>Amazon Redshift</strong> <span class="muted">(loaded into the D1 database bound under the cluster's name)</span>
          </p>
          <dl class="facts">
            <Fact label="D1 database" testId="d1-database">
              {d1DatabaseOf(redshift.ClusterJDBCURL)}
            </Fact>
            <Fact label="Table" testId="d1-table">
              {redshift.CopyCommand.DataTableName}
            </Fact>
            <Fact label="Columns" testId="d1-columns">
              {redshift.CopyCommand.DataTableColumns ? <code>{redshift.CopyCommand.DataTableColumns}</code> : <span class="muted">all, in the table's order</span>}
            </Fact>
            {redshift.CopyCommand.CopyOptions ? (
              <Fact label="COPY options">
                <code>{redshift.CopyCommand.CopyOptions}</code>
              </Fact>
            ) : null}
            {redshift.RetryOptions?.DurationInSeconds !== undefined ? <Fact label="Retry for">{redshift.RetryOptions.DurationInSeconds} s</Fact> : null}
            <Fact label="Cluster JDBC URL" wide>
              <code>{redshift.ClusterJDBCURL}</code>
            </Fact>
          </dl>
          <h3>Staging bucket</h3>
          <BucketFacts s3={destination.s3} testId="destination-bucket" />
          {redshift.S3BackupMode === "Enabled" && redshift.S3BackupDescription ? (
            <>
              <h3>Backup</h3>
              <BucketFacts s3={redshift.S3BackupDescription} testId="backup-bucket" />
            </>
          ) : null}
        </div>
      );
    }
    case "OpenSearch": {
      const { search } = destination;
      const rotation = "IndexRotationPeriod" in search ? search.IndexRotationPeriod : undefined;
      const type = "TypeName" in search ? search.TypeName : undefined;
      const ids = "DocumentIdOptions" in search ? search.DocumentIdOptions?.DefaultDocumentIdFormat : undefined;
      return (
        <div class="stack" data-testid="destination" data-type="OpenSearch">
          <p>
            <strong>{search.service}</strong> <span class="muted">(documents indexed through the cluster's _bulk API)</span>
          </p>
          <dl class="facts">
            <Fact label="Cluster" wide testId="opensearch-cluster">
              <code>{clusterOf(search)}</code>
            </Fact>
            <Fact label="Index" testId="opensearch-index">
              <code>{search.IndexName ?? ""}</code>
            </Fact>
            {rotation ? <Fact label="Index rotation" testId="opensearch-rotation">{rotation}</Fact> : null}
            {type ? <Fact label="Type">{type}</Fact> : null}
            <Fact label="Document ids">{ids === "NO_DOCUMENT_ID" ? "assigned by the cluster" : "Firehose's (the same on every retry)"}</Fact>
            <Fact label="Buffering">{bufferingText(search.BufferingHints)}</Fact>
            {search.RetryOptions?.DurationInSeconds !== undefined ? <Fact label="Retry for">{search.RetryOptions.DurationInSeconds} s</Fact> : null}
            <Fact label="S3 backup mode" testId="backup-mode">
              {search.S3BackupMode ?? "FailedDocumentsOnly"}
            </Fact>
          </dl>
          {destination.s3 ? (
            <>
              <h3>Bucket for failed documents{search.S3BackupMode === "AllDocuments" ? " and backup" : ""}</h3>
              <BucketFacts s3={destination.s3} testId="destination-bucket" />
            </>
          ) : null}
        </div>
      );
    }
    case "Splunk": {
      const { splunk } = destination;
      return (
        <div class="stack" data-testid="destination" data-type="Splunk">
          <p>
            <strong>Splunk</strong> <span class="muted">(HTTP Event Collector, with indexer acknowledgement)</span>
          </p>
          <dl class="facts">
            <Fact label="HEC endpoint" wide testId="splunk-endpoint">
              <code>{splunk.HECEndpoint ?? ""}</code>
            </Fact>
            <Fact label="Endpoint type" testId="splunk-endpoint-type">
              {splunk.HECEndpointType ?? ""}
            </Fact>
            {splunk.HECAcknowledgmentTimeoutInSeconds !== undefined ? <Fact label="Acknowledgement timeout">{splunk.HECAcknowledgmentTimeoutInSeconds} s</Fact> : null}
            <Fact label="Buffering">{bufferingText(splunk.BufferingHints)}</Fact>
            {splunk.RetryOptions?.DurationInSeconds !== undefined ? <Fact label="Retry for">{splunk.RetryOptions.DurationInSeconds} s</Fact> : null}
            <Fact label="S3 backup mode" testId="backup-mode">
              {splunk.S3BackupMode ?? "FailedEventsOnly"}
            </Fact>
          </dl>
          {destination.s3 ? (
            <>
              <h3>Bucket for failed events{splunk.S3BackupMode === "AllEvents" ? " and backup" : ""}</h3>
              <BucketFacts s3={destination.s3} testId="destination-bucket" />
            </>
          ) : null}
        </div>
      );
    }
    case "Iceberg": {
      const { iceberg } = destination;
      const tables = iceberg.DestinationTableConfigurationList ?? [];
      return (
        <div class="stack" data-testid="destination" data-type="Iceberg">
          <p>
            <strong>Apache Iceberg tables</strong> <span class="muted">(kept in R2 as a file-system catalog keeps them; one commit per table each flush)</span>
          </p>
          <dl class="facts">
            <Fact label="Warehouse" wide testId="iceberg-warehouse">
              <code>{icebergWarehouseOf(iceberg)}</code>
            </Fact>
            <Fact label="Catalog" wide testId="iceberg-catalog">
              {iceberg.CatalogConfiguration?.CatalogARN ? <code>{iceberg.CatalogConfiguration.CatalogARN}</code> : <span class="muted">none</span>}
            </Fact>
            <Fact label="Table creation" testId="iceberg-table-creation">
              {iceberg.TableCreationConfiguration?.Enabled ? "Enabled (missing tables are created from the records)" : "Disabled"}
            </Fact>
            <Fact label="Schema evolution" testId="iceberg-schema-evolution">
              {iceberg.SchemaEvolutionConfiguration?.Enabled ? "Enabled (new members become new columns)" : "Disabled"}
            </Fact>
            {iceberg.AppendOnly !== undefined ? <Fact label="Append only">{iceberg.AppendOnly ? "Yes" : "No"}</Fact> : null}
            <Fact label="Buffering">{bufferingText(iceberg.BufferingHints)}</Fact>
            {iceberg.RetryOptions?.DurationInSeconds !== undefined ? <Fact label="Retry for">{iceberg.RetryOptions.DurationInSeconds} s</Fact> : null}
            <Fact label="S3 backup mode" testId="backup-mode">
              {iceberg.S3BackupMode ?? "FailedDataOnly"}
            </Fact>
          </dl>
          <h3>Tables</h3>
          {tables.length === 0 ? (
            <p class="muted" data-testid="iceberg-no-tables">
              None configured: each record names its table (destinationDatabaseName, destinationTableName) through the processing.
            </p>
          ) : (
            <div class="table-wrap">
              <table data-testid="iceberg-tables">
                <thead>
                  <tr>
                    <th>Database</th>
                    <th>Table</th>
                    <th>Unique keys</th>
                    <th>Partitioned by</th>
                    <th>Error output prefix</th>
                  </tr>
                </thead>
                <tbody>
                  {tables.map((table) => (
                    <tr data-testid="iceberg-table" data-database={table.DestinationDatabaseName} data-table={table.DestinationTableName}>
                      <td>{table.DestinationDatabaseName}</td>
                      <td>{table.DestinationTableName}</td>
                      <td>{table.UniqueKeys?.length ? <code>{table.UniqueKeys.join(", ")}</code> : <span class="muted">none</span>}</td>
                      <td>
                        {table.PartitionSpec?.Identity?.length ? (
                          <code>{table.PartitionSpec.Identity.map((field) => field.SourceName).join(", ")}</code>
                        ) : (
                          <span class="muted">not partitioned</span>
                        )}
                      </td>
                      <td>{table.S3ErrorOutputPrefix ? <code>{table.S3ErrorOutputPrefix}</code> : <span class="muted">the bucket's</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {destination.s3 ? (
            <>
              <h3>Bucket for failed data{iceberg.S3BackupMode === "AllData" ? " and backup" : ""}</h3>
              <BucketFacts s3={destination.s3} testId="destination-bucket" />
            </>
          ) : null}
        </div>
      );
    }
    case "HTTP endpoint": {
      const { http } = destination;
      return (
        <div class="stack" data-testid="destination" data-type="HTTP endpoint">
          <p>
            <strong>HTTP endpoint</strong>
          </p>
          <dl class="facts">
            <Fact label="URL" wide testId="endpoint-url">
              <code>{http.EndpointConfiguration?.Url ?? ""}</code>
            </Fact>
            {http.EndpointConfiguration?.Name ? <Fact label="Name">{http.EndpointConfiguration.Name}</Fact> : null}
            <Fact label="Buffering">{bufferingText(http.BufferingHints)}</Fact>
            <Fact label="Content encoding">{http.RequestConfiguration?.ContentEncoding ?? "NONE"}</Fact>
            {http.RetryOptions?.DurationInSeconds !== undefined ? <Fact label="Retry for">{http.RetryOptions.DurationInSeconds} s</Fact> : null}
            <Fact label="S3 backup mode" testId="backup-mode">
              {http.S3BackupMode ?? "FailedDataOnly"}
            </Fact>
          </dl>
          {destination.s3 ? (
            <>
              <h3>Bucket for failed data{http.S3BackupMode === "AllData" ? " and backup" : ""}</h3>
              <BucketFacts s3={destination.s3} testId="destination-bucket" />
            </>
          ) : null}
        </div>
      );
    }
  }
};

export const PartitioningFacts: FC<{ destination: Destination }> = ({ destination }) => {
  if (destination.type !== "S3") return <p class="muted">Dynamic partitioning applies to S3 destinations only.</p>;
  const configuration = destination.s3.DynamicPartitioningConfiguration;
  return (
    <dl class="facts" data-testid="dynamic-partitioning">
      <Fact label="Dynamic partitioning" testId="partitioning-enabled">
        {configuration?.Enabled ? "Enabled" : "Disabled"}
      </Fact>
      {configuration?.Enabled && configuration.RetryOptions?.DurationInSeconds !== undefined ? (
        <Fact label="Retry for">{configuration.RetryOptions.DurationInSeconds} s</Fact>
      ) : null}
      {configuration?.Enabled ? (
        <Fact label="Partition keys" wide>
          <span class="muted">from the MetadataExtraction processor's query (partitionKeyFromQuery) and the transform's metadata (partitionKeyFromLambda), used in the prefix</span>
        </Fact>
      ) : null}
    </dl>
  );
};
