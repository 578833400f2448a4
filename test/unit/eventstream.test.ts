import {
  KinesisClient,
  ResourceInUseException,
  SubscribeToShardCommand,
  type SubscribeToShardEvent,
} from "@aws-sdk/client-kinesis";
import { EventStreamCodec, Int64, type MessageHeaders as SmithyHeaders } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";
import { HttpResponse, type HttpRequest } from "@smithy/core/transport";
import { describe, expect, it } from "vitest";
import {
  crc32,
  decodeMessage,
  decodeMessages,
  encodeMessage,
  errorMessage,
  EventStreamError,
  eventMessage,
  exceptionMessage,
  initialResponseMessage,
  MAX_HEADERS_BYTES,
  MAX_PAYLOAD_BYTES,
  MessageDecoder,
  readMessages,
  type Message,
  type MessageHeaders,
} from "../../src/aws/eventstream";

const text = new TextEncoder();
const smithy = new EventStreamCodec(toUtf8, fromUtf8);

/** Every header type, in a fixed order. */
const ALL_TYPES: MessageHeaders = {
  ":message-type": { type: "string", value: "event" },
  yes: { type: "boolean", value: true },
  no: { type: "boolean", value: false },
  byte: { type: "byte", value: -7 },
  short: { type: "short", value: -12_345 },
  integer: { type: "integer", value: 2_000_000_123 },
  long: { type: "long", value: -9_007_199_254_740_993n },
  binary: { type: "binary", value: Uint8Array.of(0, 1, 2, 254, 255) },
  string: { type: "string", value: "héllo ✓" },
  timestamp: { type: "timestamp", value: new Date(1_441_215_410_867) },
  uuid: { type: "uuid", value: "123e4567-e89b-12d3-a456-426614174000" },
};

/** The same headers as `@smithy/core/event-streams` types them (its longs are Int64 objects). */
function toSmithy(headers: MessageHeaders): SmithyHeaders {
  const out: SmithyHeaders = {};
  for (const [name, header] of Object.entries(headers)) {
    if (header.type === "long") {
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setBigInt64(0, header.value);
      out[name] = { type: "long", value: new Int64(bytes) };
    } else {
      out[name] = header;
    }
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A frame with the given raw header bytes and correct CRCs, for malformed-header cases. */
function rawFrame(headers: Uint8Array, payload = new Uint8Array(0)): Uint8Array {
  const total = 16 + headers.length + payload.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headers.length);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(headers, 12);
  out.set(payload, 12 + headers.length);
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}

const STREAM: Message[] = [
  { headers: ALL_TYPES, payload: text.encode('{"a":1}') },
  { headers: {}, payload: new Uint8Array(0) },
  { headers: { ":event-type": { type: "string", value: "x" } }, payload: crypto.getRandomValues(new Uint8Array(300)) },
];
const STREAM_BYTES = concat(STREAM.map(encodeMessage));

describe("CRC32", () => {
  it("is the IEEE CRC32 of the standard check strings", () => {
    expect(crc32(text.encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(text.encode("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
  });

  it("continues from a previous value", () => {
    const whole = text.encode("123456789");
    expect(crc32(whole.subarray(4), crc32(whole.subarray(0, 4)))).toBe(0xcbf43926);
  });
});

describe("encodeMessage", () => {
  it("reproduces, byte for byte, the initial-response frame real Kinesis sends", () => {
    // A SubscribeToShard body captured from AWS (blogs.perl.org/users/byterock/2020/03/paws-almost.html)
    // begins 00 00 00 72 | 00 00 00 60 | ab 82 0d 9e, then the headers :event-type initial-response,
    // :content-type application/x-amz-json-1.1, :message-type event (in that order), then `{}` and the
    // message CRC ac ae 6b 7d. Both CRCs match, so the header order and content type are exact.
    const expected =
      "0000007200000060ab820d9e" +
      "0b3a6576656e742d74797065070010696e697469616c2d726573706f6e7365" +
      "0d3a636f6e74656e742d7479706507001a6170706c69636174696f6e2f782d616d7a2d6a736f6e2d312e31" +
      "0d3a6d6573736167652d747970650700056576656e74" +
      "7b7d" +
      "acae6b7d";
    expect(initialResponseMessage().toHex()).toBe(expected);
    expect(eventMessage("initial-response", text.encode("{}")).toHex()).toBe(expected);
    // The capture's next frame, a SubscribeToShardEvent, announces 00 00 00 65 (101) bytes of headers:
    // the same three headers with the longer event type.
    const event = eventMessage("SubscribeToShardEvent", "{}");
    expect(new DataView(event.buffer).getUint32(4)).toBe(0x65);
  });

  it("matches @smithy/core's EventStreamCodec byte for byte, for every header type", () => {
    const payload = text.encode('{"Records":[]}');
    const ours = encodeMessage({ headers: ALL_TYPES, payload });
    const theirs = smithy.encode({ headers: toSmithy(ALL_TYPES), body: payload });
    expect(ours.toHex()).toBe(theirs.toHex());

    const decoded = smithy.decode(ours);
    expect(decoded.body).toEqual(payload);
    expect(decoded.headers.string).toEqual({ type: "string", value: "héllo ✓" });
    expect(decoded.headers.timestamp).toEqual({ type: "timestamp", value: new Date(1_441_215_410_867) });
    expect(decoded.headers.uuid).toEqual({ type: "uuid", value: "123e4567-e89b-12d3-a456-426614174000" });
    expect(decoded.headers.yes).toEqual({ type: "boolean", value: true });
    expect(decoded.headers.no).toEqual({ type: "boolean", value: false });
  });

  it("matches EventStreamCodec for the Kinesis helpers and empty messages", () => {
    const s = (value: string) => ({ type: "string" as const, value });
    const json = text.encode('{"message":"busy"}');
    expect(exceptionMessage("ResourceInUseException", json).toHex()).toBe(
      smithy
        .encode({
          headers: {
            ":exception-type": s("ResourceInUseException"),
            ":content-type": s("application/x-amz-json-1.1"),
            ":message-type": s("exception"),
          },
          body: json,
        })
        .toHex(),
    );
    expect(encodeMessage({ headers: {}, payload: new Uint8Array(0) }).toHex()).toBe(
      smithy.encode({ headers: {}, body: new Uint8Array(0) }).toHex(),
    );
    expect(decodeMessage(errorMessage("InternalFailure", "oops")).headers).toEqual({
      ":error-code": s("InternalFailure"),
      ":error-message": s("oops"),
      ":message-type": s("error"),
    });
  });

  it("refuses what the format cannot carry", () => {
    const empty = new Uint8Array(0);
    const refuse = (headers: MessageHeaders) => () => encodeMessage({ headers, payload: empty });
    expect(refuse({ ["n".repeat(256)]: { type: "boolean", value: true } })).toThrow(EventStreamError);
    expect(refuse({ "": { type: "boolean", value: true } })).toThrow(EventStreamError);
    expect(refuse({ s: { type: "string", value: "x".repeat(32_768) } })).toThrow(EventStreamError);
    expect(refuse({ b: { type: "byte", value: 128 } })).toThrow(EventStreamError);
    expect(refuse({ b: { type: "short", value: 1.5 } })).toThrow(EventStreamError);
    expect(refuse({ l: { type: "long", value: 1n << 63n } })).toThrow(EventStreamError);
    expect(refuse({ u: { type: "uuid", value: "not-a-uuid" } })).toThrow(EventStreamError);
    expect(refuse({ t: { type: "timestamp", value: new Date(Number.NaN) } })).toThrow(EventStreamError);
    expect(refuse({ s: { type: "string", value: "x".repeat(32_767) } })).not.toThrow();
    const many: MessageHeaders = {};
    for (let i = 0; i < 5; i++) many[`h${i}`] = { type: "binary", value: new Uint8Array(32_000) };
    expect(refuse(many)).toThrow(`exceed ${MAX_HEADERS_BYTES}`);
    expect(() => encodeMessage({ headers: {}, payload: new Uint8Array(MAX_PAYLOAD_BYTES + 1) })).toThrow(EventStreamError);
  });
});

describe("decoding", () => {
  it("round-trips every header type and reads EventStreamCodec's output", () => {
    expect(decodeMessages(STREAM_BYTES)).toEqual(STREAM);
    const theirs = smithy.encode({ headers: toSmithy(ALL_TYPES), body: Uint8Array.of(1, 2, 3) });
    expect(decodeMessage(theirs)).toEqual({ headers: ALL_TYPES, payload: Uint8Array.of(1, 2, 3) });
    expect(Object.keys(decodeMessage(theirs).headers)).toEqual(Object.keys(ALL_TYPES));
  });

  it("gives the same messages however the bytes are split", () => {
    for (let i = 0; i <= STREAM_BYTES.length; i++) {
      const chunks = [STREAM_BYTES.subarray(0, i), STREAM_BYTES.subarray(i)];
      expect(decodeMessages(chunks)).toEqual(STREAM);
    }
    const decoder = new MessageDecoder();
    const seen: Message[] = [];
    for (let i = 0; i < STREAM_BYTES.length; i++) seen.push(...decoder.push(STREAM_BYTES.subarray(i, i + 1)));
    decoder.end();
    expect(seen).toEqual(STREAM);
  });

  it("yields each message as soon as its last byte arrives", () => {
    const first = encodeMessage(STREAM[0] as Message);
    const decoder = new MessageDecoder();
    expect(decoder.push(first.subarray(0, first.length - 1))).toEqual([]);
    expect(decoder.pendingBytes).toBe(first.length - 1);
    expect(decoder.push(STREAM_BYTES.subarray(first.length - 1, first.length + 5))).toEqual([STREAM[0]]);
    expect(decoder.pendingBytes).toBe(5);
  });

  it("returns messages that do not share memory with the input", () => {
    const bytes = STREAM_BYTES.slice();
    const [message] = decodeMessages(bytes);
    bytes.fill(0);
    expect(message).toEqual(STREAM[0]);
  });

  it("reads a ReadableStream body", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < STREAM_BYTES.length; i += 7) controller.enqueue(STREAM_BYTES.slice(i, i + 7));
        controller.close();
      },
    });
    const seen: Message[] = [];
    for await (const message of readMessages(body)) seen.push(message);
    expect(seen).toEqual(STREAM);
  });

  it("cancels the body when a frame in it is corrupt", async () => {
    const corrupt = STREAM_BYTES.slice();
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(corrupt);
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(async () => {
      for await (const _ of readMessages(body)) void _;
    }).rejects.toThrow(EventStreamError);
    expect(cancelled).toBe(true);
  });

  it("detects every single-bit corruption", () => {
    const frame = encodeMessage(STREAM[0] as Message);
    for (let i = 0; i < frame.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const corrupt = frame.slice();
        corrupt[i] = (corrupt[i] ?? 0) ^ (1 << bit);
        expect(() => decodeMessages(corrupt), `byte ${i} bit ${bit}`).toThrow(EventStreamError);
      }
    }
  });

  it("names the checksum that failed", () => {
    const frame = encodeMessage(STREAM[0] as Message);
    const badPrelude = frame.slice();
    badPrelude[9] = (badPrelude[9] ?? 0) ^ 1;
    expect(() => decodeMessages(badPrelude)).toThrow(/Prelude checksum/);
    const badBody = frame.slice();
    badBody[frame.length - 6] = (badBody[frame.length - 6] ?? 0) ^ 1;
    expect(() => decodeMessages(badBody)).toThrow(/Message checksum/);
  });

  it("refuses an oversized frame from its prelude alone", () => {
    const prelude = new Uint8Array(12);
    const view = new DataView(prelude.buffer);
    view.setUint32(0, 1_000_000);
    view.setUint32(4, 0);
    view.setUint32(8, crc32(prelude.subarray(0, 8)));
    expect(() => new MessageDecoder({ maxMessageBytes: 65_536 }).push(prelude)).toThrow(/exceeds 65536/);
    view.setUint32(0, 0xffff_fff0);
    view.setUint32(8, crc32(prelude.subarray(0, 8)));
    expect(() => new MessageDecoder().push(prelude)).toThrow(EventStreamError);
    view.setUint32(0, 100);
    view.setUint32(4, 200);
    view.setUint32(8, crc32(prelude.subarray(0, 8)));
    expect(() => new MessageDecoder().push(prelude)).toThrow(/does not fit/);
    view.setUint32(0, 15);
    view.setUint32(4, 0);
    view.setUint32(8, crc32(prelude.subarray(0, 8)));
    expect(() => new MessageDecoder().push(prelude)).toThrow(/minimum/);
  });

  it("refuses a truncated stream, and any input after a failure", () => {
    expect(() => decodeMessages(STREAM_BYTES.subarray(0, STREAM_BYTES.length - 1))).toThrow(/ended inside a message/);
    expect(() => decodeMessages(STREAM_BYTES.subarray(0, 5))).toThrow(EventStreamError);
    const decoder = new MessageDecoder();
    const corrupt = STREAM_BYTES.slice();
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff;
    expect(() => decoder.push(corrupt)).toThrow(EventStreamError);
    expect(() => decoder.push(encodeMessage({ headers: {}, payload: new Uint8Array(0) }))).toThrow(/already failed/);
  });

  it("refuses malformed headers inside a frame whose checksums are right", () => {
    const name = (value: string) => [value.length, ...text.encode(value)];
    expect(() => decodeMessage(rawFrame(Uint8Array.of(...name("a"), 10)))).toThrow(/unknown type 10/);
    expect(() => decodeMessage(rawFrame(Uint8Array.of(...name("a"), 7, 0, 9, 65)))).toThrow(/past the end/);
    expect(() => decodeMessage(rawFrame(Uint8Array.of(...name("a"), 4, 0)))).toThrow(/past the end/);
    expect(() => decodeMessage(rawFrame(Uint8Array.of(0, 0)))).toThrow(/empty name/);
    expect(() => decodeMessage(rawFrame(Uint8Array.of(...name("a"), 0, ...name("a"), 1)))).toThrow(/twice/);
    expect(() => decodeMessage(rawFrame(Uint8Array.of(...name("a"), 7, 0, 1, 0xff)))).toThrow(/UTF-8/);
    expect(decodeMessage(rawFrame(Uint8Array.of(...name("a"), 7, 0, 1, 65))).headers).toEqual({
      a: { type: "string", value: "A" },
    });
  });
});

describe("the AWS SDK reads a SubscribeToShard body", () => {
  const arrival = new Date("2026-01-02T03:04:05.678Z");
  const records = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      Data: text.encode(`record ${from + i}`).toBase64(),
      PartitionKey: `key-${from + i}`,
      SequenceNumber: `4960000000000000000000000000000000000000000000000000000${from + i}`,
      ApproximateArrivalTimestamp: arrival.getTime() / 1000,
    }));
  const firstEvent = {
    Records: records(0, 2),
    ContinuationSequenceNumber: "49600000000000000000000000000000000000000000000000000001",
    MillisBehindLatest: 1500,
  };
  const lastEvent = {
    Records: [],
    ContinuationSequenceNumber: "49600000000000000000000000000000000000000000000000000002",
    MillisBehindLatest: 0,
    ChildShards: [
      {
        ShardId: "shardId-000000000002",
        ParentShards: ["shardId-000000000000"],
        HashKeyRange: { StartingHashKey: "0", EndingHashKey: "170141183460469231731687303715884105727" },
      },
    ],
  };

  /** A KinesisClient whose HTTP layer answers with `chunks` as an event stream body. */
  function clientAnswering(chunks: readonly Uint8Array[], requests: HttpRequest[] = []): KinesisClient {
    return new KinesisClient({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:4567",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      requestHandler: {
        async handle(request: HttpRequest) {
          requests.push(request);
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              for (const chunk of chunks) controller.enqueue(chunk);
              controller.close();
            },
          });
          return {
            response: new HttpResponse({
              statusCode: 200,
              headers: { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": "request-1" },
              body,
            }),
          };
        },
      },
    });
  }

  const subscribe = new SubscribeToShardCommand({
    ConsumerARN: "arn:aws:kinesis:us-east-1:000000000000:stream/clicks/consumer/app:1700000000",
    ShardId: "shardId-000000000000",
    StartingPosition: { Type: "TRIM_HORIZON" },
  });

  it("parses initial-response and SubscribeToShardEvent messages, however the body is chunked", async () => {
    const body = concat([
      initialResponseMessage(),
      eventMessage("SubscribeToShardEvent", JSON.stringify(firstEvent)),
      eventMessage("SubscribeToShardEvent", JSON.stringify(lastEvent)),
    ]);
    const chunkings = [[body], Array.from({ length: Math.ceil(body.length / 5) }, (_, i) => body.slice(i * 5, i * 5 + 5))];
    for (const chunks of chunkings) {
      const requests: HttpRequest[] = [];
      const output = await clientAnswering(chunks, requests).send(subscribe);
      expect(requests[0]?.headers["x-amz-target"]).toBe("Kinesis_20131202.SubscribeToShard");
      expect(output.$metadata.httpStatusCode).toBe(200);

      const events: SubscribeToShardEvent[] = [];
      for await (const event of output.EventStream ?? []) {
        if (event.SubscribeToShardEvent) events.push(event.SubscribeToShardEvent);
        else throw new Error(`unexpected event ${JSON.stringify(event)}`);
      }
      expect(events).toHaveLength(2);
      const [first, last] = events;
      expect(first?.ContinuationSequenceNumber).toBe(firstEvent.ContinuationSequenceNumber);
      expect(first?.MillisBehindLatest).toBe(1500);
      expect(first?.Records).toHaveLength(2);
      const record = first?.Records?.[1];
      expect(record?.Data).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode(record?.Data)).toBe("record 1");
      expect(record?.PartitionKey).toBe("key-1");
      expect(record?.SequenceNumber).toBe(firstEvent.Records[1]?.SequenceNumber);
      expect(record?.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
      expect(record?.ApproximateArrivalTimestamp?.getTime()).toBe(arrival.getTime());
      expect(last?.Records).toEqual([]);
      expect(last?.MillisBehindLatest).toBe(0);
      expect(last?.ChildShards).toEqual(lastEvent.ChildShards);
    }
  });

  it("throws the modeled exception an exception message carries", async () => {
    const body = concat([
      initialResponseMessage(),
      eventMessage("SubscribeToShardEvent", JSON.stringify(firstEvent)),
      exceptionMessage("ResourceInUseException", JSON.stringify({ message: "Another subscription took over" })),
    ]);
    const output = await clientAnswering([body]).send(subscribe);
    const seen: unknown[] = [];
    const failure = await (async () => {
      try {
        for await (const event of output.EventStream ?? []) seen.push(event);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(seen).toHaveLength(1);
    expect(failure).toBeInstanceOf(ResourceInUseException);
    expect((failure as ResourceInUseException).message).toBe("Another subscription took over");
  });

  it("throws an unmodeled error message with its code and message", async () => {
    const body = concat([initialResponseMessage(), errorMessage("InternalFailure", "Something broke")]);
    const output = await clientAnswering([body]).send(subscribe);
    const failure = await (async () => {
      try {
        for await (const _ of output.EventStream ?? []) void _;
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe("InternalFailure");
    expect((failure as Error).message).toBe("Something broke");
  });
});
