// The live view of an Analytics application's in-application streams (src/console/pages/analytics-app.tsx):
// about once a second, while "Live" is ticked and the tab is visible, it asks the console for the
// chosen stream's rows after the last one shown (src/console/live-rows.ts) and adds them at the top of
// a table of ROWTIME and the stream's columns, as AWS's console showed them. Values arrive as text and
// go into the page with textContent only.
import { describeError, getApi } from "./api.js";

/** How often a running application is asked for rows. */
const POLL_MS = 1000;
/** How often a stopped one is asked, to notice that it has started. */
const IDLE_MS = 5000;
/** Rows kept on the page; older ones leave as new ones come. */
const MAX_SHOWN = 200;

/**
 * @typedef {{ position: number, rowtime: string, values: (string | null)[] }} LiveRow
 * @typedef {{ stream: string, running: boolean, columns: string[], rows: LiveRow[] }} LiveRowsAnswer
 */

/** @param {HTMLElement} root */
export function initLiveRows(root) {
  const application = root.dataset.application ?? "";
  const form = /** @type {HTMLFormElement} */ (root.querySelector("[data-live-controls]"));
  const select = /** @type {HTMLSelectElement} */ (form.elements.namedItem("stream"));
  const live = /** @type {HTMLInputElement} */ (form.elements.namedItem("live"));
  const table = rowTable(root);
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-live-status]"));
  const errorLine = /** @type {HTMLElement} */ (root.querySelector("[data-live-error]"));

  /** The position of the last row shown; -1 asks for the latest rows. */
  let after = -1;
  /** Changes whenever the view starts over (another stream, Live ticked, the tab shown again): answers to older asks are dropped. */
  let generation = 0;
  /** @type {number | undefined} */
  let timer;

  /** @param {unknown} error */
  function setError(error) {
    errorLine.textContent = error === undefined ? "" : describeError(error);
    errorLine.hidden = error === undefined;
  }

  async function poll() {
    const asked = generation;
    timer = undefined;
    let delay = POLL_MS;
    try {
      const query = new URLSearchParams({ stream: select.value, after: String(after) });
      /** @type {LiveRowsAnswer} */
      const answer = await getApi(`/console/api/analytics/${encodeURIComponent(application)}/rows?${query.toString()}`);
      if (asked !== generation) return;
      setError(undefined);
      table.add(answer);
      const last = answer.rows.at(-1);
      if (last) after = last.position;
      root.dataset.running = String(answer.running);
      const checked = new Date().toISOString().slice(11, 19);
      status.textContent = answer.running
        ? `Live: ${table.length} rows of ${answer.stream}, last checked ${checked} UTC.`
        : `The application is not running: start it to see rows flow (checked ${checked} UTC).`;
      if (!answer.running) delay = IDLE_MS;
    } catch (error) {
      if (asked !== generation) return;
      // Briefly unreachable, or the application was deleted: say so, and keep trying less often.
      setError(error);
      delay = IDLE_MS;
    }
    if (asked === generation && live.checked && !document.hidden) timer = window.setTimeout(() => void poll(), delay);
  }

  /** Ends the current loop of asks and, when the view is live and visible, starts another at once. */
  function restart() {
    generation += 1;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    if (live.checked && !document.hidden) void poll();
    else status.textContent = live.checked ? "Paused while the tab is hidden." : `Stopped: ${table.length} rows.`;
  }

  select.addEventListener("change", () => {
    table.clear();
    after = -1;
    status.textContent = "Waiting for rows…";
    restart();
  });
  live.addEventListener("change", restart);
  // Nothing to show while the tab is hidden: the loop ends there, and starts again when it is shown.
  document.addEventListener("visibilitychange", restart);
  restart();
}

/**
 * The table: a head of ROWTIME and the stream's columns, and the rows shown, newest first.
 * @param {HTMLElement} root
 */
function rowTable(root) {
  const head = /** @type {HTMLElement} */ (root.querySelector("[data-live-head]"));
  const body = /** @type {HTMLElement} */ (root.querySelector("[data-live-body]"));
  const count = /** @type {HTMLElement} */ (root.querySelector("[data-live-count]"));
  /** @type {string[]} */
  let columns = [];

  /** @param {string[]} names */
  function setColumns(names) {
    columns = names;
    head.replaceChildren(
      ...["ROWTIME", ...names].map((name) => {
        const cell = document.createElement("th");
        cell.textContent = name;
        return cell;
      }),
    );
  }

  /**
   * @param {string} label
   * @param {string | null} value
   */
  function cell(label, value) {
    const td = document.createElement("td");
    td.dataset.label = label;
    td.className = value === null ? "mono muted" : "mono";
    td.textContent = value ?? "null";
    return td;
  }

  return {
    get length() {
      return body.childElementCount;
    },
    /** @param {LiveRowsAnswer} answer */
    add(answer) {
      // Other columns (the application took new code): the rows shown no longer fit them. No columns
      // at all (an empty answer about a stream whose columns only its rows name) changes nothing.
      if (answer.columns.length > 0 && answer.columns.join("\u0000") !== columns.join("\u0000")) {
        setColumns(answer.columns);
        body.replaceChildren();
      }
      for (const row of answer.rows) {
        const tr = document.createElement("tr");
        tr.dataset.testid = "live-row";
        tr.dataset.position = String(row.position);
        tr.append(cell("ROWTIME", row.rowtime), ...row.values.map((value, index) => cell(columns[index] ?? "", value)));
        body.prepend(tr);
      }
      while (body.childElementCount > MAX_SHOWN) body.lastElementChild?.remove();
      count.textContent = String(body.childElementCount);
    },
    clear() {
      body.replaceChildren();
      setColumns([]);
      count.textContent = "0";
    },
  };
}
