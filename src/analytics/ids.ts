/** Analytics identifiers as AWS spells them. */
import type { Scope } from "../aws/scope";

export function applicationArn(scope: Scope, name: string): string {
  return `arn:aws:kinesisanalytics:${scope.region}:${scope.account}:application/${name}`;
}

/** The parts of an application ARN; undefined when `arn` is not one. */
export function parseApplicationArn(arn: string): (Scope & { name: string }) | undefined {
  const match = /^arn:aws[^:]*:kinesisanalytics:([^:]*):(\d{12}):application\/([a-zA-Z0-9_.-]{1,128})$/.exec(arn);
  if (!match) return undefined;
  const [, region = "", account = "", name = ""] = match;
  return { region, account, name };
}

/**
 * The id of an input, output, reference data source or logging option: the application version its
 * change made, then its place among those the change added (`1.1`, `1.2` at creation; `2.1` for the
 * first one added by the change that made version 2). AWS's examples show the pattern: an output
 * `4.1` deleted at version 4, a reference data source `5.1` at version 5 (api-examples.md).
 */
export function configurationId(version: number, index: number): string {
  return `${version}.${index}`;
}

/** The in-application streams an input makes: `<prefix>_001` ... (how-it-works-input.md). */
export function inAppStreamNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}_${String(i + 1).padStart(3, "0")}`);
}

/**
 * v2's ConditionalToken: it changes with every version, so a client holding an old one is refused
 * as one holding an old CurrentApplicationVersionId is.
 */
export function conditionalToken(applicationId: string, version: number): string {
  return btoa(`${applicationId}:${version}`);
}
