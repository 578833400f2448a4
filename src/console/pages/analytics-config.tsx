/**
 * An Analytics application's configuration in readable form, from v2's DescribeApplication: its SQL
 * with line numbers (CodeValidationException names a line and a column), its inputs (source linked to
 * its console page, in-application streams, parallelism, starting position, preprocessing, schema),
 * its outputs (destination linked) and its reference data. Every value is text that JSX escapes.
 */
import type { FC } from "hono/jsx";
import type { JsonWire } from "../../aws/protocol";
import type { InputDescription, OutputDescription, ReferenceDataSourceDescription, SourceSchema } from "../../analytics/shapes-v2.generated";
import { bucketNameOf } from "../loaders/firehose";
import { inputSource, outputDestination, resourceOf, type Resource } from "../loaders/analytics";

/** The SQL as an ordered list, one item per line, so the browser numbers them and `#line-N` finds one. */
export const CodeLines: FC<{ code: string }> = ({ code }) =>
  code === "" ? (
    <p class="muted" data-testid="no-code">
      No SQL yet.
    </p>
  ) : (
    <ol class="code-lines" data-testid="application-code">
      {code.split(/\r?\n/).map((line, index) => (
        <li id={`line-${index + 1}`} data-line={String(index + 1)}>
          <code>{line === "" ? " " : line}</code>
        </li>
      ))}
    </ol>
  );

export const ResourceLink: FC<{ resource: Resource | undefined; testId: string }> = ({ resource, testId }) =>
  resource === undefined ? (
    <span class="muted">—</span>
  ) : (
    <span data-testid={testId} data-arn={resource.arn}>
      <span class="muted small">{resource.kind} </span>
      {resource.href ? <a href={resource.href}>{resource.name}</a> : <code>{resource.name}</code>}
    </span>
  );

/** How records are read: JSON from a row path, or CSV with its delimiters (written as JSON strings, so `\n` shows). */
function recordFormat(schema: SourceSchema): string {
  const format = schema.RecordFormat;
  const csv = format.MappingParameters?.CSVMappingParameters;
  if (csv) return `CSV, rows split on ${JSON.stringify(csv.RecordRowDelimiter)}, columns on ${JSON.stringify(csv.RecordColumnDelimiter)}`;
  const json = format.MappingParameters?.JSONMappingParameters;
  return json ? `JSON, rows at ${json.RecordRowPath}` : format.RecordFormatType;
}

export const SchemaTable: FC<{ schema: SourceSchema | undefined; testId: string }> = ({ schema, testId }) =>
  schema === undefined ? null : (
    <div data-testid={testId}>
      <p class="muted small">
        {recordFormat(schema)}
        {schema.RecordEncoding ? `, ${schema.RecordEncoding}` : ""}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Column</th>
              <th>SQL type</th>
              <th>Mapping</th>
            </tr>
          </thead>
          <tbody>
            {schema.RecordColumns.map((column) => (
              <tr data-testid="schema-column">
                <td data-label="Column" class="mono">
                  {column.Name}
                </td>
                <td data-label="SQL type" class="mono">
                  {column.SqlType}
                </td>
                <td data-label="Mapping" class="mono small">
                  {column.Mapping ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );

const Fact: FC<{ label: string; wide?: boolean; testId?: string; children?: unknown }> = ({ label, wide, testId, children }) => (
  <div class={wide ? "wide" : undefined}>
    <dt>{label}</dt>
    <dd data-testid={testId}>{children}</dd>
  </div>
);

export const Inputs: FC<{ inputs: JsonWire<InputDescription>[] }> = ({ inputs }) =>
  inputs.length === 0 ? (
    <p class="muted" data-testid="no-inputs">
      No streaming source: add one with AddApplicationInput.
    </p>
  ) : (
    <>
      {inputs.map((input) => {
        const processor = input.InputProcessingConfigurationDescription?.InputLambdaProcessorDescription;
        return (
          <div class="config-block" data-testid={`input-${input.InputId ?? ""}`}>
            <dl class="facts">
              <Fact label="Source" testId="input-source">
                <ResourceLink resource={inputSource(input)} testId="input-source-link" />
              </Fact>
              <Fact label="Input id">{input.InputId}</Fact>
              <Fact label="In-application streams" testId="input-streams">
                <span class="mono">{(input.InAppStreamNames ?? []).join(", ")}</span>
              </Fact>
              <Fact label="Parallelism">{input.InputParallelism?.Count ?? 1}</Fact>
              <Fact label="Starting position" testId="input-starting-position">
                {input.InputStartingPositionConfiguration?.InputStartingPosition ?? "—"}
              </Fact>
              <Fact label="Preprocessing">
                {processor ? <ResourceLink resource={resourceOf(processor.ResourceARN, "Lambda function")} testId="input-processor" /> : "None"}
              </Fact>
            </dl>
            <SchemaTable schema={input.InputSchema} testId="input-schema" />
          </div>
        );
      })}
    </>
  );

export const Outputs: FC<{ outputs: JsonWire<OutputDescription>[] }> = ({ outputs }) =>
  outputs.length === 0 ? (
    <p class="muted" data-testid="no-outputs">
      No destinations: rows stay in the application (add one with AddApplicationOutput).
    </p>
  ) : (
    <div class="table-wrap">
      <table data-testid="outputs-table">
        <thead>
          <tr>
            <th>In-application stream</th>
            <th>Destination</th>
            <th>Format</th>
            <th>Output id</th>
          </tr>
        </thead>
        <tbody>
          {outputs.map((output) => (
            <tr data-testid={`output-${output.OutputId ?? ""}`}>
              <td data-label="In-application stream" class="mono" data-testid="output-stream">
                {output.Name}
              </td>
              <td data-label="Destination">
                <ResourceLink resource={outputDestination(output)} testId="output-destination" />
              </td>
              <td data-label="Format">{output.DestinationSchema?.RecordFormatType ?? "—"}</td>
              <td data-label="Output id">{output.OutputId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

export const References: FC<{ references: JsonWire<ReferenceDataSourceDescription>[] }> = ({ references }) =>
  references.length === 0 ? (
    <p class="muted" data-testid="no-references">
      No reference data.
    </p>
  ) : (
    <>
      {references.map((reference) => {
        const s3 = reference.S3ReferenceDataSourceDescription;
        const bucket = bucketNameOf(s3.BucketARN);
        const folder = s3.FileKey.slice(0, s3.FileKey.lastIndexOf("/") + 1);
        const folderQuery = folder === "" ? "" : `?${new URLSearchParams({ prefix: folder }).toString()}`;
        return (
          <div class="config-block" data-testid={`reference-${reference.ReferenceId}`}>
            <dl class="facts">
              <Fact label="Table" testId="reference-table">
                <span class="mono">{reference.TableName}</span>
              </Fact>
              <Fact label="Object" wide>
                <a href={`/console/buckets/${encodeURIComponent(bucket)}${folderQuery}`}>{bucket}</a>
                <span class="mono small"> / {s3.FileKey}</span>
              </Fact>
            </dl>
            <SchemaTable schema={reference.ReferenceSchema} testId="reference-schema" />
          </div>
        );
      })}
    </>
  );
