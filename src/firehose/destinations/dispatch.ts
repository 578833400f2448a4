/**
 * The destinations that take a batch's records themselves, remembering between delivery attempts
 * what they delivered (destinations/state.ts): OpenSearch (opensearch-bulk.ts) and Splunk
 * (splunk-hec.ts). delivery.ts hands them the Ok records after processing, and files what they give
 * up on in the S3 backup.
 */
import type { Clock } from "../../clock";
import type { ProcessedRecord } from "../records";
import { sendToOpenSearch } from "./opensearch-bulk";
import type { OpenSearchSettings } from "./opensearch";
import type { DestinationDelivery, FlushedBatch } from "./outbound";
import { sendToSplunk } from "./splunk-hec";
import type { SplunkSettings } from "./splunk";
import type { StateStore } from "./state";

/** Delivers to the destination's OpenSearch cluster or Splunk collector; undefined for any other destination. */
export async function sendToDestination(options: {
  env: Env;
  batch: FlushedBatch;
  destination: { OpenSearch?: OpenSearchSettings; Splunk?: SplunkSettings };
  records: readonly ProcessedRecord[];
  clock: Clock;
  state: StateStore;
}): Promise<DestinationDelivery | undefined> {
  const { env, batch, destination, records, clock, state } = options;
  if (destination.OpenSearch) return sendToOpenSearch({ env, batch, settings: destination.OpenSearch, records, clock, state });
  if (destination.Splunk) return sendToSplunk({ batch, settings: destination.Splunk, records, clock, state });
  return undefined;
}
