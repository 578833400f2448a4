// A one-line progress bar on stderr, redrawn in place. Stdout stays clean for the markdown table, so
// `npm run bench > results.md` works. When stderr is not a terminal (CI logs) it prints a line per 25%
// instead of carriage-return redraws that would fill the log.

const WIDTH = 30;

export class Progress {
  /**
   * @param {string} label e.g. "kinesalite put-latency"
   * @param {number} total units of work (samples, records, milliseconds)
   */
  constructor(label, total) {
    this.label = label;
    this.total = Math.max(1, total);
    this.done = 0;
    this.tty = Boolean(process.stderr.isTTY);
    this.lastDraw = 0;
    this.lastQuarter = -1;
    this.finished = false;
    this.draw();
  }

  /** @param {number} done absolute progress; never moves backwards */
  set(done) {
    this.done = Math.min(this.total, Math.max(this.done, done));
    // Redrawing on every request would cost more than some of the requests being measured.
    const now = Date.now();
    if (now - this.lastDraw >= 100 || this.done === this.total) this.draw();
  }

  /** @param {number} n */
  add(n = 1) {
    this.set(this.done + n);
  }

  draw() {
    this.lastDraw = Date.now();
    const fraction = this.done / this.total;
    if (this.tty) {
      const filled = Math.round(fraction * WIDTH);
      const bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
      process.stderr.write(`\r\x1b[K${this.label} [${bar}] ${Math.floor(fraction * 100)}%`);
    } else {
      const quarter = Math.floor(fraction * 4);
      if (quarter > this.lastQuarter) {
        this.lastQuarter = quarter;
        process.stderr.write(`${this.label} ${quarter * 25}%\n`);
      }
    }
  }

  /** @param {string} [note] shown after the bar, e.g. "error" */
  finish(note = "done") {
    // The scenario may close its own bar with a note before the runner closes it again.
    if (this.finished) return;
    this.finished = true;
    if (this.tty) {
      this.draw();
      process.stderr.write(` ${note}\n`);
    } else {
      process.stderr.write(`${this.label} ${note}\n`);
    }
  }
}

/** @param {string} message a line of status on stderr, outside any bar */
export function status(message) {
  process.stderr.write(`${message}\n`);
}
