/**
 * The Analytics pages' reads. Applications are described through v2's DescribeApplication, run as
 * the signed-in user (callAws): it answers for every SQL application, whichever API made it, where
 * v1 refuses to describe what v2 made. Once that call has found the application and allowed the
 * caller, the registry's own record gives what the API does not show: the id that names the
 * application's object (its runner state and live rows) and which API version manages it.
 *
 * The console changes an application through the API version that manages it, so that a v1 user's
 * scripts keep working after an edit in the console (a change made through v2 would hand the
 * application to v2, and v1 would then refuse to change it, as AWS does).
 */
import { unwrap } from "../../aws/errors";
import type { JsonWire } from "../../aws/protocol";
import { compileSpec, planSpec } from "../../analytics/runner/plan";
import type { ApplicationDefinition } from "../../analytics/definition";
import type { ApplicationSpec, RunnerState } from "../../analytics/runner-contract";
import type { ApplicationDetail, DescribeApplicationOutput, InputDescription, ListApplicationsOutput, OutputDescription } from "../../analytics/shapes-v2.generated";
import { applicationSpec } from "../../analytics/spec";
import { ERROR_STREAM, ERROR_STREAM_COLUMNS, type ColumnDescriptor } from "../../analytics/sql";
import { analyticsRegistryFor } from "../../objects";
import { callAws, scopeOf, type ConsoleService } from "../api";
import type { ConsoleContext } from "../auth";
import { deliveryStreamPath } from "./firehose";
import { streamPath } from "./kinesis";

/** One ListApplications page: AWS allows 50 applications per region, and a page holds up to 50. */
export const LISTED_APPLICATIONS = 50;

export type Detail = JsonWire<ApplicationDetail>;

export interface LoadedApplication {
  detail: Detail;
  /** The console API service that changes it: the API version that manages it. */
  service: Extract<ConsoleService, "kinesisanalytics" | "kinesisanalyticsv2">;
  /** Names the application's object. */
  id: string;
  spec: ApplicationSpec;
}

/** An in-application stream the live view can show, with its columns after ROWTIME. */
export interface InAppStream {
  name: string;
  kind: "input" | "stream" | "error";
  /** Unknown (undefined) when the code could not be compiled here: the rows then name their columns. */
  columns?: readonly ColumnDescriptor[];
}

export function applicationPath(name: string): string {
  return `/console/analytics/${encodeURIComponent(name)}`;
}

export async function listApplications(c: ConsoleContext): Promise<{ names: string[]; more: boolean }> {
  const page = await callAws<JsonWire<ListApplicationsOutput>>(c, "kinesisanalyticsv2", "ListApplications", { Limit: LISTED_APPLICATIONS });
  return { names: page.ApplicationSummaries.map((summary) => summary.ApplicationName), more: page.NextToken !== undefined };
}

export async function describeApplication(c: ConsoleContext, name: string): Promise<Detail> {
  return (await callAws<JsonWire<DescribeApplicationOutput>>(c, "kinesisanalyticsv2", "DescribeApplication", { ApplicationName: name })).ApplicationDetail;
}

/** The application as the API describes it, with its object's id, its spec and the API that manages it. */
export async function loadApplication(c: ConsoleContext, name: string): Promise<LoadedApplication> {
  const detail = await describeApplication(c, name);
  // Described above, as the caller: what follows reads no more than that call allowed.
  const scope = scopeOf(c);
  const { definition } = unwrap(await analyticsRegistryFor(c.env, scope).describe(scope, name, "v2"));
  return { detail, service: serviceFor(definition), id: definition.id, spec: applicationSpec(scope, definition) };
}

function serviceFor(definition: ApplicationDefinition): LoadedApplication["service"] {
  return definition.managedBy === "v1" ? "kinesisanalytics" : "kinesisanalyticsv2";
}

/** What the application's object says of itself: running or not, and why its last start or update failed. */
export async function runnerState(c: ConsoleContext, application: LoadedApplication): Promise<RunnerState> {
  return unwrap(await c.get("applicationObjects")(c.env, application.id).state());
}

/**
 * The application's in-application streams: its inputs', those its code creates, and error_stream,
 * with their columns from the compiled code. Code that does not compile (not given yet, or wrong)
 * still shows its inputs', its outputs' and error_stream.
 */
export function inAppStreams(spec: ApplicationSpec): InAppStream[] {
  try {
    return compileSpec(spec.code, planSpec(spec)).streams.map((stream) => ({ name: stream.name, kind: stream.kind, columns: stream.columns }));
  } catch {
    const inputs = spec.inputs.flatMap((input) => (input.InAppStreamNames ?? []).map((name): InAppStream => ({ name, kind: "input" })));
    const known = new Set(inputs.map((stream) => stream.name));
    const outputs = spec.outputs
      .flatMap((output) => (output.Name === undefined || output.Name === ERROR_STREAM || known.has(output.Name) ? [] : [output.Name]))
      .map((name): InAppStream => ({ name, kind: "stream" }));
    return [...inputs, ...new Map(outputs.map((stream) => [stream.name, stream])).values(), { name: ERROR_STREAM, kind: "error", columns: ERROR_STREAM_COLUMNS }];
  }
}

export function inputsOf(detail: Detail): JsonWire<InputDescription>[] {
  return detail.ApplicationConfigurationDescription?.SqlApplicationConfigurationDescription?.InputDescriptions ?? [];
}

export function outputsOf(detail: Detail): JsonWire<OutputDescription>[] {
  return detail.ApplicationConfigurationDescription?.SqlApplicationConfigurationDescription?.OutputDescriptions ?? [];
}

export function codeOf(detail: Detail): string {
  return detail.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription?.TextContent ?? "";
}

/** A stream, delivery stream or function an input or output names, with the console page that shows it. */
export interface Resource {
  kind: "Kinesis stream" | "Firehose stream" | "Lambda function";
  name: string;
  arn: string;
  href?: string;
}

export function resourceOf(arn: string, kind: Resource["kind"]): Resource {
  if (kind === "Kinesis stream") {
    const name = arn.slice(arn.indexOf(":stream/") + ":stream/".length);
    return { kind, name, arn, href: streamPath(name) };
  }
  if (kind === "Firehose stream") {
    const name = arn.slice(arn.indexOf(":deliverystream/") + ":deliverystream/".length);
    return { kind, name, arn, href: deliveryStreamPath(name) };
  }
  return { kind, name: arn.slice(arn.indexOf(":function:") + ":function:".length), arn };
}

export function inputSource(input: JsonWire<InputDescription>): Resource | undefined {
  if (input.KinesisStreamsInputDescription) return resourceOf(input.KinesisStreamsInputDescription.ResourceARN, "Kinesis stream");
  if (input.KinesisFirehoseInputDescription) return resourceOf(input.KinesisFirehoseInputDescription.ResourceARN, "Firehose stream");
  return undefined;
}

export function outputDestination(output: JsonWire<OutputDescription>): Resource | undefined {
  if (output.KinesisStreamsOutputDescription) return resourceOf(output.KinesisStreamsOutputDescription.ResourceARN, "Kinesis stream");
  if (output.KinesisFirehoseOutputDescription) return resourceOf(output.KinesisFirehoseOutputDescription.ResourceARN, "Firehose stream");
  if (output.LambdaOutputDescription) return resourceOf(output.LambdaOutputDescription.ResourceARN, "Lambda function");
  return undefined;
}
