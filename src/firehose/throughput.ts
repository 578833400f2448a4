/**
 * A DirectPut delivery stream's ingestion quota (FIREHOSE.directPut*): records, requests and bytes
 * per second, PutRecord and PutRecordBatch together, kept by the stream's buffer object. Each
 * second of the clock has its budget; what a second took is forgotten when the next begins.
 *
 * A request past the second's requests is refused whole with ServiceUnavailableException. Within a
 * request, records are taken in order while they fit the records and bytes left; the first that
 * does not fit and every record after it are not taken: PutRecordBatch answers them as failed
 * (ErrorCode ServiceUnavailableException, ErrorMessage "Slow down.", as AWS answers throttled
 * records), PutRecord refuses its record with the same error. A record never exceeds a whole
 * second's bytes (1,000 KiB < 1 MiB), so each fits an unused second.
 *
 * Differences from AWS: the quotas are AWS's defaults and cannot be raised; AWS does not document
 * its metering window (a clock second here); the budget lives in the object's memory, so an object
 * that restarts starts a fresh second.
 */
import { ServiceUnavailableException } from "../aws/errors";
import { FIREHOSE } from "./limits";

/** AWS's message for a throttled record or put (as AWS answers it in PutRecordBatch's entries). */
export const SLOW_DOWN = "Slow down.";

export interface IngestQuota {
  recordsPerSecond: number;
  requestsPerSecond: number;
  bytesPerSecond: number;
}

export function directPutQuota(region: string): IngestQuota {
  return FIREHOSE.directPutLargeRegions.includes(region) ? FIREHOSE.directPutLarge : FIREHOSE.directPutOther;
}

export class IngestBudget {
  private second = Number.NaN;
  private requests = 0;
  private records = 0;
  private bytes = 0;

  constructor(private readonly quota: IngestQuota) {}

  /**
   * Takes one request and as many of its records (their sizes, in order) as fit now; answers how
   * many were taken. Throws ServiceUnavailableException, taking nothing, when the second's
   * requests are used up.
   */
  admit(sizes: readonly number[], now: number): number {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.requests = 0;
      this.records = 0;
      this.bytes = 0;
    }
    if (this.requests >= this.quota.requestsPerSecond) throw new ServiceUnavailableException(SLOW_DOWN);
    this.requests += 1;
    let taken = 0;
    for (const size of sizes) {
      if (this.records + 1 > this.quota.recordsPerSecond || this.bytes + size > this.quota.bytesPerSecond) break;
      this.records += 1;
      this.bytes += size;
      taken += 1;
    }
    return taken;
  }
}
