/**
 * The limits of Analytics' API (applications and their configuration), each with where it comes
 * from. "Ours" marks a number AWS does not publish. The SQL guide's "Limits" page is quoted from its
 * last SQL edition (awsdocs/amazon-kinesis-data-analytics-developer-guide, doc_source/limits.md at
 * 74ee328, February 2023); limits the models enforce (name patterns, code length, parallelism 1..64,
 * 1..200 tags per request) are checked by validation and not repeated here.
 */
export const ANALYTICS_API = {
  /** "You can create up to 50 Kinesis Data Analytics applications per Region in your account." */
  maxApplications: 50,
  /** "Each application can have one streaming source and up to one reference data source." */
  maxInputs: 1,
  maxReferenceDataSources: 1,
  /** "You can configure up to three destinations for your Kinesis Data Analytics application." */
  maxOutputs: 3,
  /** "You can assign up to 50 tags per application" (TagResource: "The maximum number of user-defined application tags is 50"). */
  maxTags: 50,
  /** ListApplications: Limit is 1..50 (both models); ours, answered without one: the most it allows. */
  defaultListLimit: 50,
  /**
   * Ours: how long an application stays STARTING, STOPPING, UPDATING (a running application taking a
   * new version) and DELETING. AWS takes tens of seconds to minutes; clients poll DescribeApplication
   * until the status settles, so any short time serves them.
   */
  startMs: 500,
  stopMs: 500,
  updateMs: 500,
  deleteMs: 500,
  /**
   * Ours: how long a transitional status may wait on the application object. Should the Worker stop
   * while a call is out, the status settles after this instead of staying STARTING (or UPDATING...)
   * for good.
   */
  callTimeoutMs: 5 * 60_000,
} as const;

/** DiscoverInputSchema. */
export const DISCOVERY = {
  /** Ours: how many records discovery samples from a stream (AWS samples "random samples of records"; its answers show about 100). */
  maxStreamRecords: 100,
  /** Ours: how long discovery waits for records to arrive at a stream before it gives up. */
  streamWaitMs: 2000,
  /** Ours: the most of an S3 (R2) object discovery reads. */
  maxObjectBytes: 1024 * 1024,
  /**
   * A column name is renamed (`COL_` prefix) when it is longer than this (sch-dis.md: "The source
   * stream column name is longer than 100 characters").
   */
  maxColumnNameLength: 100,
} as const;
