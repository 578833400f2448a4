/**
 * What an OpenSearch or Splunk destination remembers between the delivery attempts of one batch,
 * kept by the stream's buffer object next to the batch (buffer.ts destinationState) and forgotten
 * when the batch completes. With it a retry sends only what is still undelivered: documents the
 * cluster already took are not indexed again (with NO_DOCUMENT_ID that would duplicate them), an
 * event Splunk acknowledged is not sent twice, and an acknowledgement awaited when an attempt ended
 * is polled by the next. Types only, so that buffer.ts and the destinations share them without
 * importing each other.
 */

/** A failure as the error output records it: AWS's errorCode and errorMessage. */
export interface RememberedError {
  code: string;
  message: string;
}

export interface OpenSearchState {
  kind: "opensearch";
  /** RetryOptions.DurationInSeconds counts from the first attempt (AWS: "including the first attempt"). */
  firstAttemptMs: number;
  /** Bulk attempts made (attemptsMade of the failed documents). */
  attempts: number;
  /** Keys of the documents the cluster took. */
  indexed: string[];
  /** The latest failure of each document not indexed yet. */
  errors: Record<string, RememberedError>;
  /** The retry duration ran out: what is not indexed goes to the S3 backup, and nothing is sent again. */
  gaveUp: boolean;
}

/** One HEC request whose acknowledgement has not come yet. */
export interface InFlight {
  ackId: number;
  sentMs: number;
  keys: string[];
}

export interface SplunkState {
  kind: "splunk";
  /** RetryOptions.DurationInSeconds counts from the first failure (AWS: "starts after the initial attempt ... fails"). */
  firstFailureMs: number | null;
  /** How many times each event was sent (attemptsMade). */
  sends: Record<string, number>;
  /** Keys of the events Splunk acknowledged. */
  acked: string[];
  /** The latest failure of each event not acknowledged. */
  errors: Record<string, RememberedError>;
  inFlight: InFlight[];
  /** Milliseconds from sending to acknowledgement, for DeliveryToSplunk.DataAckLatency (this attempt's acknowledgements). */
  ackLatenciesMs: number[];
  gaveUp: boolean;
}

export type DestinationState = OpenSearchState | SplunkState;

/** Reads and writes one batch's state (the buffer object behind it). */
export interface StateStore {
  load(): Promise<DestinationState | null>;
  save(state: DestinationState): Promise<void>;
}
