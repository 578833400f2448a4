/**
 * v2 serves SQL applications only (RuntimeEnvironment SQL-1_0): what belongs to Managed Service for
 * Apache Flink (Flink and Zeppelin configuration, snapshots, VPCs, maintenance windows, rollbacks,
 * operations, versions) is refused as AWS refuses it for SQL applications, and code is PLAINTEXT.
 * AWS's documentation states the rules; the messages are ours except where noted.
 */
import { AwsError, InvalidArgumentException, UnsupportedOperationException } from "../../../aws/errors";
import { SQL_RUNTIME } from "../../definition";
import type { ApplicationCodeConfiguration, ApplicationCodeConfigurationUpdate, RuntimeEnvironment } from "../../shapes-v2.generated";

/** Refuses the members of `value` that SQL applications do not have. */
export function refuseFlinkOnly<T extends object>(value: T, members: readonly (keyof T & string)[]): void {
  for (const member of members) {
    if (value[member] !== undefined) throw new InvalidArgumentException(`${member} is not supported for SQL applications.`);
  }
}

export function checkRuntime(runtime: RuntimeEnvironment): void {
  if (runtime !== SQL_RUNTIME) {
    throw new UnsupportedOperationException(`RuntimeEnvironment ${runtime} is not supported: only SQL applications (${SQL_RUNTIME}) can be created.`);
  }
}

/** "This operation is supported only for Managed Service for Apache Flink" (the v2 model's documentation of the operation). */
export function flinkOnlyOperation(): AwsError {
  return new UnsupportedOperationException("This operation is supported only for Managed Service for Apache Flink.");
}

function plainTextOnly(type: string): AwsError {
  return new InvalidArgumentException(`CodeContentType ${type} is not supported for SQL applications: their code is PLAINTEXT TextContent.`);
}

/** A SQL application's code from ApplicationCodeConfiguration: PLAINTEXT TextContent, nothing else. */
export function sqlCode(configuration: ApplicationCodeConfiguration | undefined): string | undefined {
  if (!configuration) return undefined;
  if (configuration.CodeContentType !== "PLAINTEXT") throw plainTextOnly(configuration.CodeContentType);
  const content = configuration.CodeContent;
  if (content?.ZipFileContent !== undefined || content?.S3ContentLocation !== undefined) {
    throw new InvalidArgumentException("SQL application code must be given as TextContent.");
  }
  return content?.TextContent ?? "";
}

/** The new code of an ApplicationCodeConfigurationUpdate; undefined when it changes none. */
export function sqlCodeUpdate(update: ApplicationCodeConfigurationUpdate | undefined): string | undefined {
  if (!update) return undefined;
  if (update.CodeContentTypeUpdate !== undefined && update.CodeContentTypeUpdate !== "PLAINTEXT") throw plainTextOnly(update.CodeContentTypeUpdate);
  const content = update.CodeContentUpdate;
  if (content?.ZipFileContentUpdate !== undefined || content?.S3ContentLocationUpdate !== undefined) {
    throw new InvalidArgumentException("SQL application code must be given as TextContentUpdate.");
  }
  return content?.TextContentUpdate;
}
