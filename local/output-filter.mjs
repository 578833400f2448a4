// Line filter for wrangler's output. Without internet access miniflare
// cannot download the `Request.cf` placeholder and prints a warning plus a
// full ENOTFOUND stack trace on every start; it is harmless (a default object
// is used) and would only hide what matters. We also set
// CLOUDFLARE_CF_FETCH_ENABLED=false so the fetch is not attempted at all;
// the filter stays for wrangler versions that ignore that variable.

// Strips ANSI colour sequences before matching, so styling changes in
// wrangler do not defeat the filter.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

const CF_WARNING = /Unable to fetch the `Request\.cf` object/;
// The stack printed after the warning: the error line, "at ..." frames,
// `[cause]` blocks and braces of a printed error object.
const STACK_LINE = /^\s*(?:(?:\w+)?Error\b|at\s|\[cause\]|\{|\}|code:|errno:|syscall:|hostname:|ENOTFOUND|getaddrinfo)/;

/**
 * Split a byte stream into lines and pass on those worth showing.
 * @param {(line: string) => void} emit receives each kept line, without "\n"
 * @returns {{ write(chunk: Buffer | string): void, end(): void }}
 */
export function createOutputFilter(emit) {
  let pending = "";
  let skipping = false;

  /** @param {string} line */
  const handle = (line) => {
    const plain = line.replace(ANSI, "");
    if (CF_WARNING.test(plain)) {
      skipping = true;
      return;
    }
    if (skipping) {
      if (plain.trim() === "" || STACK_LINE.test(plain) || plain.includes("ENOTFOUND")) return;
      skipping = false;
    }
    emit(line);
  };

  return {
    write(chunk) {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) handle(line.replace(/\r$/, ""));
    },
    end() {
      if (pending) handle(pending);
      pending = "";
    },
  };
}
