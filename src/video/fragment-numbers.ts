/**
 * Fragment numbers, formed like AWS's: 47 decimal digits that grow with ingestion. AWS's (seen in its parser
 * library's recorded GetMedia output) share a long per-stream prefix and grow with time: 91343852333181432
 * 392682062607743920146159169392, then ...397633822764885441725874549018 two seconds later. Ours are
 *
 *   9 | 16 digits of the stream object's id | 13 digits of server time (ms) | 17 digits of an ingestion counter
 *
 * Every part has a fixed width, so comparing numbers as text compares them as numbers. The time part never goes
 * backwards (the stream object keeps the largest it used), and the counter grows by one per fragment, so numbers
 * grow strictly in the order fragments begin, whatever the clock does. The continuation token of GetMedia is the
 * number of the fragment it follows, as AWS's is.
 */
export const FRAGMENT_NUMBER_DIGITS = 47;

/** The 16-digit part that names the stream, from its Durable Object id (hex). */
export function streamPrefix(objectIdHex: string): string {
  const value = BigInt(`0x${objectIdHex.slice(0, 16).padEnd(16, "0")}`) % 10n ** 16n;
  return value.toString().padStart(16, "0");
}

export function formatFragmentNumber(prefix: string, serverMs: number, counter: number): string {
  return `9${prefix}${String(serverMs).padStart(13, "0")}${String(counter).padStart(17, "0")}`;
}

/**
 * A fragment number given by a caller, made comparable as text with ours: shorter numbers are left-padded
 * with zeros. A number longer than ours is larger than any of ours: undefined.
 */
export function comparableFragmentNumber(text: string): string | undefined {
  const digits = text.replace(/^0+(?=\d)/, "");
  if (digits.length > FRAGMENT_NUMBER_DIGITS) return undefined;
  return digits.padStart(FRAGMENT_NUMBER_DIGITS, "0");
}
