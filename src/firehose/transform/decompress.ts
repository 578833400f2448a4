/**
 * The Decompression processor: GZIP, the only CompressionFormat Firehose has (CloudWatch Logs
 * subscriptions deliver gzip). Done with the runtime's DecompressionStream, which refuses truncated
 * or corrupt input.
 */
export async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
