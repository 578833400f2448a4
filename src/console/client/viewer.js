// The data viewer (src/console/pages/viewer.tsx lays it out): reads a shard through the console
// API, GetShardIterator then GetRecords, as any consumer would, and shows each record's partition
// key, sequence number, arrival time and data (JSON, text or hex). The live tail keeps calling
// GetRecords with each answer's NextShardIterator about once a second and appends what arrives.
// Data is only ever put in with textContent.
import { callApi, describeError } from "./api.js";
import { bytesOf, shown } from "./records.js";

/** Records per GetRecords call. */
const PAGE = 100;
/** GetRecords calls one Read makes at most while the shard has records further on but answers none yet. */
const MAX_EMPTY_CALLS = 10;
/** How often the live tail asks: AWS allows five GetRecords calls per second per shard. */
const TAIL_MS = 1000;
/** Records kept on the page; older ones leave as new ones come. */
const MAX_SHOWN = 2000;

/**
 * @typedef {{ SequenceNumber: string, PartitionKey: string, ApproximateArrivalTimestamp: number, Data: string }} WireRecord
 * @typedef {{ Records: WireRecord[], NextShardIterator?: string, MillisBehindLatest?: number, ChildShards?: { ShardId: string }[] }} GetRecordsOutput
 */

/** @param {HTMLElement} root */
export function initViewer(root) {
  const streamName = root.dataset.streamName ?? "";
  const controls = /** @type {HTMLFormElement} */ (root.querySelector("[data-viewer-controls]"));
  const list = /** @type {HTMLElement} */ (root.querySelector("[data-records]"));
  const count = /** @type {HTMLElement} */ (root.querySelector("[data-record-count]"));
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-viewer-status]"));
  const errorLine = /** @type {HTMLElement} */ (root.querySelector("[data-viewer-error]"));
  const more = /** @type {HTMLButtonElement} */ (root.querySelector("[data-more]"));
  const tail = /** @type {HTMLInputElement} */ (controls.elements.namedItem("tail"));

  /**
   * What is being read. `generation` changes whenever the reading starts over (another shard or
   * position), so that an answer still on its way for the old one is dropped, not shown.
   * @type {{ generation: number, iterator: string | undefined, lastSequenceNumber: string | undefined, busy: boolean, timer: number | undefined, shown: { record: WireRecord, bytes: Uint8Array, item: HTMLElement }[] }}
   */
  const state = { generation: 0, iterator: undefined, lastSequenceNumber: undefined, busy: false, timer: undefined, shown: [] };

  const field = (/** @type {string} */ name) => {
    const element = controls.elements.namedItem(name);
    return element instanceof HTMLInputElement || element instanceof HTMLSelectElement ? element.value : "";
  };
  const format = () => {
    const checked = controls.querySelector('input[name="format"]:checked');
    const value = checked instanceof HTMLInputElement ? checked.value : "json";
    return value === "text" || value === "hex" ? value : "json";
  };

  function showPositionFields() {
    const position = field("position");
    for (const label of controls.querySelectorAll("[data-needs]")) {
      if (label instanceof HTMLElement) label.hidden = !(label.dataset.needs ?? "").split(" ").includes(position);
    }
  }

  /** @param {string} text */
  function setStatus(text) {
    status.textContent = text;
  }

  /** @param {unknown} error */
  function setError(error) {
    errorLine.textContent = error === undefined ? "" : describeError(error);
    errorLine.hidden = error === undefined;
  }

  /** The GetShardIterator input for the chosen shard and position. */
  function iteratorInput() {
    const position = field("position");
    /** @type {Record<string, unknown>} */
    const input = { StreamName: streamName, ShardId: field("shard"), ShardIteratorType: position };
    if (position === "AT_SEQUENCE_NUMBER" || position === "AFTER_SEQUENCE_NUMBER") input.StartingSequenceNumber = field("sequenceNumber").trim();
    if (position === "AT_TIMESTAMP") {
      const value = field("timestamp");
      // The field is read as UTC, as the page says; AWS JSON takes epoch seconds.
      input.Timestamp = value ? Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`) / 1000 : undefined;
    }
    return input;
  }

  async function freshIterator() {
    const answer = await callApi("kinesis", "GetShardIterator", iteratorInput());
    return /** @type {string} */ (answer.ShardIterator);
  }

  /**
   * Reads on from the current iterator (getting one first if there is none yet), unless the reading
   * started over meanwhile: then the answer is dropped and undefined returned.
   * @returns {Promise<GetRecordsOutput | undefined>}
   */
  async function next() {
    const generation = state.generation;
    if (state.iterator === undefined) {
      const iterator = await freshIterator();
      if (generation !== state.generation) return undefined;
      state.iterator = iterator;
    }
    const answer = await getRecords();
    return generation === state.generation ? answer : undefined;
  }

  /**
   * One GetRecords call from the current iterator. An iterator that expired (five minutes) is
   * replaced by one after the last record shown, so reading goes on where it stopped.
   * @returns {Promise<GetRecordsOutput>}
   */
  async function getRecords() {
    try {
      return await callApi("kinesis", "GetRecords", { ShardIterator: state.iterator, Limit: PAGE });
    } catch (error) {
      if (!(error instanceof Error && "type" in error && error.type === "ExpiredIteratorException")) throw error;
      const again = state.lastSequenceNumber
        ? { StreamName: streamName, ShardId: field("shard"), ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: state.lastSequenceNumber }
        : iteratorInput();
      state.iterator = (await callApi("kinesis", "GetShardIterator", again)).ShardIterator;
      return callApi("kinesis", "GetRecords", { ShardIterator: state.iterator, Limit: PAGE });
    }
  }

  /**
   * Takes one answer in: shows its records, keeps its iterator, and says where reading stands.
   * @param {GetRecordsOutput} answer
   */
  function take(answer) {
    for (const record of answer.Records) append(record);
    state.iterator = answer.NextShardIterator;
    if (answer.NextShardIterator === undefined) {
      const children = (answer.ChildShards ?? []).map((child) => child.ShardId).join(", ");
      setStatus(`End of this closed shard.${children ? ` Its records continue in ${children}.` : ""}`);
      stopTail();
    }
    more.hidden = state.iterator === undefined || tail.checked;
  }

  /** @param {WireRecord} record */
  function append(record) {
    const bytes = bytesOf(record.Data);
    const item = document.createElement("li");
    item.className = "record";
    item.dataset.testid = "record";
    item.dataset.sequenceNumber = record.SequenceNumber;
    item.dataset.partitionKey = record.PartitionKey;
    const meta = document.createElement("div");
    meta.className = "record-meta";
    meta.append(
      labelled("Partition key", record.PartitionKey, "record-partition-key"),
      labelled("Sequence number", record.SequenceNumber, "record-sequence-number"),
      labelled("Arrived", new Date(record.ApproximateArrivalTimestamp * 1000).toISOString(), "record-arrival"),
      labelled("Size", `${bytes.length} B`, "record-size"),
    );
    const data = document.createElement("pre");
    data.className = "record-data";
    data.dataset.testid = "record-data";
    const note = document.createElement("p");
    note.className = "muted small";
    item.append(meta, data, note);
    list.append(item);
    state.shown.push({ record, bytes, item });
    state.lastSequenceNumber = record.SequenceNumber;
    render({ bytes, item });
    while (state.shown.length > MAX_SHOWN) state.shown.shift()?.item.remove();
    count.textContent = String(state.shown.length);
  }

  /** @param {{ bytes: Uint8Array, item: HTMLElement }} entry */
  function render(entry) {
    const { text, note } = shown(entry.bytes, format());
    const data = entry.item.querySelector(".record-data");
    const noteLine = entry.item.querySelector("p");
    if (data) data.textContent = text;
    if (noteLine) {
      noteLine.textContent = note ?? "";
      noteLine.hidden = note === undefined;
    }
  }

  async function read() {
    if (state.busy) return;
    const generation = state.generation;
    state.busy = true;
    setError(undefined);
    setStatus("Reading…");
    try {
      let calls = 0;
      let before = state.shown.length;
      for (;;) {
        const answer = await next();
        if (answer === undefined) return;
        take(answer);
        calls += 1;
        const behind = answer.MillisBehindLatest ?? 0;
        if (state.shown.length > before || behind === 0 || state.iterator === undefined || calls >= MAX_EMPTY_CALLS) break;
        before = state.shown.length;
      }
      if (state.iterator !== undefined) setStatus(state.shown.length === 0 ? "No records from this position yet." : `Read ${state.shown.length} records.`);
    } catch (error) {
      if (generation === state.generation) setError(error);
    } finally {
      if (generation === state.generation) state.busy = false;
    }
  }

  async function tailOnce() {
    const generation = state.generation;
    state.timer = undefined;
    if (!tail.checked) return;
    if (!state.busy) {
      state.busy = true;
      try {
        const answer = await next();
        if (answer !== undefined) {
          take(answer);
          setError(undefined);
          if (state.iterator !== undefined) setStatus(`Live: ${state.shown.length} records, last checked ${new Date().toISOString().slice(11, 19)} UTC.`);
        }
      } catch (error) {
        // Throttled or briefly unreachable: say so, and keep trying.
        if (generation === state.generation) setError(error);
      } finally {
        if (generation === state.generation) state.busy = false;
      }
    }
    // One loop per reading: a loop of a reading that started over ends here.
    if (tail.checked && generation === state.generation) state.timer = window.setTimeout(() => void tailOnce(), TAIL_MS);
  }

  function stopTail() {
    tail.checked = false;
    root.dataset.tailing = "false";
    if (state.timer !== undefined) window.clearTimeout(state.timer);
    state.timer = undefined;
  }

  function restart() {
    stopTail();
    state.generation += 1;
    setStatus("Choose a starting position, then Read.");
    state.busy = false;
    state.iterator = undefined;
    state.lastSequenceNumber = undefined;
    for (const entry of state.shown) entry.item.remove();
    state.shown = [];
    count.textContent = "0";
    more.hidden = true;
  }

  controls.addEventListener("submit", (event) => {
    event.preventDefault();
    restart();
    void read();
  });
  controls.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    if (target.name === "position") showPositionFields();
    if (target.name === "format") for (const entry of state.shown) render(entry);
    if (target.name === "tail") {
      if (tail.checked) {
        root.dataset.tailing = "true";
        more.hidden = true;
        setStatus("Live: waiting for records…");
        void tailOnce();
      } else {
        stopTail();
        more.hidden = state.iterator === undefined;
        setStatus(`Stopped: ${state.shown.length} records.`);
      }
    }
    // Another shard or position: what is shown no longer follows from it.
    if (target.name === "shard" || target.name === "position") restart();
  });
  more.addEventListener("click", () => void read());
  showPositionFields();
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} testId
 */
function labelled(label, value, testId) {
  const wrapper = document.createElement("span");
  const name = document.createElement("span");
  name.className = "muted";
  name.textContent = `${label} `;
  const text = document.createElement("span");
  text.className = "mono";
  text.dataset.testid = testId;
  text.textContent = value;
  wrapper.append(name, text);
  return wrapper;
}
