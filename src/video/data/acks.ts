/**
 * PutMedia's acknowledgements: flat JSON objects, one per line, on the response while the upload goes on, as
 * AWS's producer SDK parses them (PIC's AckParser reads the top-level keys EventType, FragmentTimecode,
 * FragmentNumber and ErrorId; the documentation's nested `Acknowledgement` example is not the wire format):
 *
 *   {"EventType":"BUFFERING","FragmentTimecode":1663277247152,"FragmentNumber":"91343852333181432..."}
 *
 * FragmentTimecode is the Cluster's Timecode as sent (ABSOLUTE or RELATIVE). IDLE carries nothing else.
 */
import type { PutMediaErrorId } from "../media";

export type Ack =
  | { type: "BUFFERING" | "RECEIVED" | "PERSISTED"; timecode: number; fragmentNumber: string }
  | { type: "ERROR"; errorId: PutMediaErrorId; timecode?: number | undefined; fragmentNumber?: string | undefined }
  | { type: "IDLE" };

export function formatAck(ack: Ack): string {
  const fields: Record<string, string | number> = { EventType: ack.type };
  if (ack.type !== "IDLE") {
    if (ack.timecode !== undefined) fields.FragmentTimecode = ack.timecode;
    if (ack.fragmentNumber !== undefined) fields.FragmentNumber = ack.fragmentNumber;
  }
  if (ack.type === "ERROR") fields.ErrorId = ack.errorId;
  return `${JSON.stringify(fields)}\n`;
}

const encoder = new TextEncoder();

/** The response body the acks are written to; `onCancel` runs when the producer goes away. */
export class AckStream {
  readonly readable: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private open = true;

  constructor(onCancel: () => void) {
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => {
        this.open = false;
        onCancel();
      },
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  send(ack: Ack): void {
    if (!this.open) return;
    try {
      this.controller?.enqueue(encoder.encode(formatAck(ack)));
    } catch {
      this.open = false;
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      this.controller?.close();
    } catch {
      // Already errored by the runtime: the producer is gone.
    }
  }
}
