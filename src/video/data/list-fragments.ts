/**
 * ListFragments (`POST /listFragments`): the stored fragments that start within the selector's range
 * (inclusive at both ends), by producer or server timestamp, in pages of MaxResults (default ours:
 * VIDEO_DATA.listFragmentsDefault). AWS returns them "in no specific order"; ours come in ingestion order.
 * Without a FragmentSelector every fragment is listed. NextToken carries the selector and where the page
 * ended (base64, as the model's pattern wants), so a follow-up needs no selector.
 */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoStreamStub } from "../../objects";
import type { Fragment, ListFragmentsInput, ListFragmentsOutput } from "../archived-media-shapes.generated";
import { VIDEO_DATA } from "../limits";
import type { FragmentRow, TimestampSelector } from "../stream-types";
import { resolveStream } from "./stream-ref";

interface Position {
  selector: TimestampSelector;
  startMs: number;
  endMs: number;
  afterSeq: number;
}

export async function listFragments(input: ListFragmentsInput, context: RestRequestContext): Promise<ListFragmentsOutput> {
  const position = input.NextToken !== undefined ? readToken(input.NextToken) : fromSelector(input);
  const stream = await resolveStream(context, input);
  const limit = input.MaxResults ?? VIDEO_DATA.listFragmentsDefault;
  const page = unwrap(
    await videoStreamStub(context.env, stream.streamId).listFragments(position.selector, position.startMs, position.endMs, position.afterSeq, limit),
  );
  return {
    Fragments: page.fragments.map(fragmentOf),
    ...(page.continueAfter !== undefined && { NextToken: writeToken({ ...position, afterSeq: page.continueAfter }) }),
  };
}

function fromSelector(input: ListFragmentsInput): Position {
  const selector = input.FragmentSelector;
  if (selector === undefined) return { selector: "SERVER_TIMESTAMP", startMs: 0, endMs: Number.MAX_SAFE_INTEGER, afterSeq: 0 };
  const startMs = selector.TimestampRange.StartTimestamp.getTime();
  const endMs = selector.TimestampRange.EndTimestamp.getTime();
  if (endMs < startMs) throw new InvalidArgumentException("TimestampRange.EndTimestamp must not be earlier than its StartTimestamp.");
  return { selector: selector.FragmentSelectorType, startMs, endMs, afterSeq: 0 };
}

function fragmentOf(row: FragmentRow): Fragment {
  return {
    FragmentNumber: row.number,
    FragmentSizeInBytes: row.sizeBytes,
    ProducerTimestamp: new Date(row.producerMs),
    ServerTimestamp: new Date(row.serverMs),
    FragmentLengthInMilliseconds: row.durationMs,
  };
}

function writeToken(position: Position): string {
  return new TextEncoder().encode(JSON.stringify([position.selector, position.startMs, position.endMs, position.afterSeq])).toBase64();
}

function readToken(token: string): Position {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(token)));
    if (Array.isArray(value) && value.length === 4) {
      const [selector, startMs, endMs, afterSeq] = value as unknown[];
      if ((selector === "PRODUCER_TIMESTAMP" || selector === "SERVER_TIMESTAMP") && [startMs, endMs, afterSeq].every(Number.isSafeInteger)) {
        return { selector, startMs: Number(startMs), endMs: Number(endMs), afterSeq: Number(afterSeq) };
      }
    }
  } catch {
    // Not ours: refused below.
  }
  throw new InvalidArgumentException(`NextToken ${token} is not a token ListFragments answered.`);
}
