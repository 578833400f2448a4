/**
 * The bytes a streaming parser has received but not yet consumed, kept as the chunks they arrived in.
 * `take` hands out a view into a chunk when the bytes lie in one (the common case: frames inside a network
 * chunk) and copies only when they straddle chunks. Chunks are owned once pushed: callers must not reuse them.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already consumed. */
  private head = 0;
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The byte at `index` from the front; the caller checks `index < length`. */
  peek(index: number): number {
    let rest = index + this.head;
    for (const chunk of this.chunks) {
      if (rest < chunk.length) return chunk[rest] ?? 0;
      rest -= chunk.length;
    }
    return 0;
  }

  /** The first `count` bytes (count <= length), removed from the queue. */
  take(count: number): Uint8Array {
    const first = this.chunks[0];
    if (first !== undefined && first.length - this.head >= count) {
      const view = first.subarray(this.head, this.head + count);
      this.advance(count);
      return view;
    }
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.chunks[0];
      if (chunk === undefined) break;
      const part = chunk.subarray(this.head, this.head + Math.min(count - filled, chunk.length - this.head));
      out.set(part, filled);
      filled += part.length;
      this.advance(part.length);
    }
    return out;
  }

  /** Drops the first `count` bytes (count <= length). */
  skip(count: number): void {
    let rest = count;
    while (rest > 0) {
      const chunk = this.chunks[0];
      if (chunk === undefined) break;
      const part = Math.min(rest, chunk.length - this.head);
      this.advance(part);
      rest -= part;
    }
  }

  private advance(count: number): void {
    this.head += count;
    this.length -= count;
    const first = this.chunks[0];
    if (first !== undefined && this.head >= first.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }
}
