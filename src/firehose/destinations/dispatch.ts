/**
 * The destinations that take a batch's records themselves: OpenSearch (opensearch-bulk.ts) and
 * Splunk (splunk-hec.ts), which remember between delivery attempts what they delivered
 * (destinations/state.ts), and Iceberg tables (iceberg/deliver.ts), whose commits carry the batch's
 * id instead. delivery.ts hands them the Ok records after processing, and files what they give up
 * on in the S3 backup.
 */
import type { Clock } from "../../clock";
import { appendToIceberg } from "../iceberg/deliver";
import type { IcebergSettings } from "../iceberg/destination";
import type { ProcessedRecord } from "../records";
import { sendToOpenSearch } from "./opensearch-bulk";
import type { OpenSearchSettings } from "./opensearch";
import type { DestinationDelivery, FlushedBatch } from "./outbound";
import { sendToSplunk } from "./splunk-hec";
import type { SplunkSettings } from "./splunk";
import type { StateStore } from "./state";

/** Delivers to the destination's OpenSearch cluster, Splunk collector or Iceberg tables; undefined for any other destination. */
export async function sendToDestination(options: {
  env: Env;
  batch: FlushedBatch;
  destination: { OpenSearch?: OpenSearchSettings; Splunk?: SplunkSettings; Iceberg?: IcebergSettings; BucketARN: string };
  records: readonly ProcessedRecord[];
  clock: Clock;
  state: StateStore;
}): Promise<DestinationDelivery | undefined> {
  const { env, batch, destination, records, clock, state } = options;
  if (destination.OpenSearch) return sendToOpenSearch({ env, batch, settings: destination.OpenSearch, records, clock, state });
  if (destination.Splunk) return sendToSplunk({ batch, settings: destination.Splunk, records, clock, state });
  if (destination.Iceberg) return appendToIceberg({ env, batch, settings: destination.Iceberg, s3BucketArn: destination.BucketARN, records, clock });
  return undefined;
}
