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

/**
 * @typedef {"json" | "text" | "hex"} DataFormat
 * @typedef {ReturnType<typeof viewerControls>} ViewerControls
 * @typedef {ReturnType<typeof recordList>} RecordList
 * @typedef {ReturnType<typeof shardReader>} ShardReader
 */

/**
 * Wires the parts together: the controls, the record list, the reader of the chosen shard, and the
 * two ways of reading (Read / More, and the live tail).
 * @param {HTMLElement} root
 */
export function initViewer(root) {
  const controls = viewerControls(root);
  const records = recordList(root, controls.format);
  const reader = shardReader(root.dataset.streamName ?? "", controls, records);
  const tail = liveTail(root, controls, records, reader);
  const { form, more } = controls;

  /** Reads from the current position until records come, the shard's end, or MAX_EMPTY_CALLS calls. */
  async function read() {
    if (reader.busy) return;
    const generation = reader.generation;
    reader.busy = true;
    controls.setError(undefined);
    controls.setStatus("Reading…");
    try {
      let calls = 0;
      let before = records.length;
      for (;;) {
        const answer = await reader.next();
        if (answer === undefined) return;
        reader.take(answer, tail.stop);
        calls += 1;
        const behind = answer.MillisBehindLatest ?? 0;
        if (records.length > before || behind === 0 || reader.iterator === undefined || calls >= MAX_EMPTY_CALLS) break;
        before = records.length;
      }
      if (reader.iterator !== undefined) controls.setStatus(records.length === 0 ? "No records from this position yet." : `Read ${records.length} records.`);
    } catch (error) {
      if (generation === reader.generation) controls.setError(error);
    } finally {
      if (generation === reader.generation) reader.busy = false;
    }
  }

  /** Another shard or position: what is shown no longer follows from it. */
  function restart() {
    tail.stop();
    reader.restart();
    records.clear();
    controls.setStatus("Choose a starting position, then Read.");
    more.hidden = true;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    restart();
    void read();
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    if (target.name === "position") controls.showPositionFields();
    if (target.name === "format") records.renderAll();
    if (target.name === "tail") tail.toggle();
    if (target.name === "shard" || target.name === "position") restart();
  });
  more.addEventListener("click", () => void read());
  controls.showPositionFields();
}

/**
 * The viewer's form and the lines that report on it.
 * @param {HTMLElement} root
 */
function viewerControls(root) {
  const form = /** @type {HTMLFormElement} */ (root.querySelector("[data-viewer-controls]"));
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-viewer-status]"));
  const errorLine = /** @type {HTMLElement} */ (root.querySelector("[data-viewer-error]"));
  const more = /** @type {HTMLButtonElement} */ (root.querySelector("[data-more]"));
  const tail = /** @type {HTMLInputElement} */ (form.elements.namedItem("tail"));

  /** @param {string} name */
  const field = (name) => {
    const element = form.elements.namedItem(name);
    return element instanceof HTMLInputElement || element instanceof HTMLSelectElement ? element.value : "";
  };
  /** @returns {DataFormat} */
  const format = () => {
    const checked = form.querySelector('input[name="format"]:checked');
    const value = checked instanceof HTMLInputElement ? checked.value : "json";
    return value === "text" || value === "hex" ? value : "json";
  };

  return {
    form,
    more,
    tail,
    field,
    format,
    showPositionFields() {
      const position = field("position");
      for (const label of form.querySelectorAll("[data-needs]")) {
        if (label instanceof HTMLElement) label.hidden = !(label.dataset.needs ?? "").split(" ").includes(position);
      }
    },
    /** @param {string} text */
    setStatus(text) {
      status.textContent = text;
    },
    /** @param {unknown} error */
    setError(error) {
      errorLine.textContent = error === undefined ? "" : describeError(error);
      errorLine.hidden = error === undefined;
    },
  };
}

/**
 * The records shown, newest last, at most MAX_SHOWN of them, each rendered in the chosen format.
 * @param {HTMLElement} root
 * @param {() => DataFormat} format
 */
function recordList(root, format) {
  const list = /** @type {HTMLElement} */ (root.querySelector("[data-records]"));
  const count = /** @type {HTMLElement} */ (root.querySelector("[data-record-count]"));
  /** @type {{ bytes: Uint8Array, item: HTMLElement }[]} */
  let shownRecords = [];

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

  return {
    get length() {
      return shownRecords.length;
    },
    /** @param {WireRecord} record */
    append(record) {
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
      shownRecords.push({ bytes, item });
      render({ bytes, item });
      while (shownRecords.length > MAX_SHOWN) shownRecords.shift()?.item.remove();
      count.textContent = String(shownRecords.length);
    },
    /** The format changed: every record shown again in it. */
    renderAll() {
      for (const entry of shownRecords) render(entry);
    },
    clear() {
      for (const entry of shownRecords) entry.item.remove();
      shownRecords = [];
      count.textContent = "0";
    },
  };
}

/**
 * Reading the chosen shard from the chosen position: GetShardIterator, then GetRecords from each
 * answer's NextShardIterator. `generation` changes whenever the reading starts over (another shard
 * or position), so that an answer still on its way for the old one is dropped, not shown.
 * @param {string} streamName
 * @param {ViewerControls} controls
 * @param {RecordList} records
 */
function shardReader(streamName, controls, records) {
  const { field } = controls;
  /** @type {string | undefined} */
  let lastSequenceNumber;

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

  const reader = {
    generation: 0,
    /** @type {string | undefined} */
    iterator: undefined,
    /** A read (Read, More or one tail call) is on its way. */
    busy: false,

    /**
     * Reads on from the current iterator (getting one first if there is none yet), unless the
     * reading started over meanwhile: then the answer is dropped and undefined returned.
     * @returns {Promise<GetRecordsOutput | undefined>}
     */
    async next() {
      const generation = reader.generation;
      if (reader.iterator === undefined) {
        const answer = await callApi("kinesis", "GetShardIterator", iteratorInput());
        if (generation !== reader.generation) return undefined;
        reader.iterator = /** @type {string} */ (answer.ShardIterator);
      }
      const answer = await getRecords();
      return generation === reader.generation ? answer : undefined;
    },

    /**
     * Takes one answer in: shows its records, keeps its iterator, and says where reading stands.
     * At the end of a closed shard there is nothing more to tail: `stopTail` is called.
     * @param {GetRecordsOutput} answer
     * @param {() => void} stopTail
     */
    take(answer, stopTail) {
      for (const record of answer.Records) {
        records.append(record);
        lastSequenceNumber = record.SequenceNumber;
      }
      reader.iterator = answer.NextShardIterator;
      if (answer.NextShardIterator === undefined) {
        const children = (answer.ChildShards ?? []).map((child) => child.ShardId).join(", ");
        controls.setStatus(`End of this closed shard.${children ? ` Its records continue in ${children}.` : ""}`);
        stopTail();
      }
      controls.more.hidden = reader.iterator === undefined || controls.tail.checked;
    },

    restart() {
      reader.generation += 1;
      reader.busy = false;
      reader.iterator = undefined;
      lastSequenceNumber = undefined;
    },
  };

  /**
   * One GetRecords call from the current iterator. An iterator that expired (five minutes) is
   * replaced by one after the last record shown, so reading goes on where it stopped.
   * @returns {Promise<GetRecordsOutput>}
   */
  async function getRecords() {
    try {
      return await callApi("kinesis", "GetRecords", { ShardIterator: reader.iterator, Limit: PAGE });
    } catch (error) {
      if (!(error instanceof Error && "type" in error && error.type === "ExpiredIteratorException")) throw error;
      const again = lastSequenceNumber
        ? { StreamName: streamName, ShardId: field("shard"), ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: lastSequenceNumber }
        : iteratorInput();
      reader.iterator = (await callApi("kinesis", "GetShardIterator", again)).ShardIterator;
      return callApi("kinesis", "GetRecords", { ShardIterator: reader.iterator, Limit: PAGE });
    }
  }

  return reader;
}

/**
 * The live tail: while its box is ticked, one GetRecords call about every TAIL_MS, appending what
 * arrives.
 * @param {HTMLElement} root
 * @param {ViewerControls} controls
 * @param {RecordList} records
 * @param {ShardReader} reader
 */
function liveTail(root, controls, records, reader) {
  const { tail, more } = controls;
  /** @type {number | undefined} */
  let timer;

  async function tailOnce() {
    const generation = reader.generation;
    timer = undefined;
    if (!tail.checked) return;
    if (!reader.busy) {
      reader.busy = true;
      try {
        const answer = await reader.next();
        if (answer !== undefined) {
          reader.take(answer, stop);
          controls.setError(undefined);
          if (reader.iterator !== undefined) controls.setStatus(`Live: ${records.length} records, last checked ${new Date().toISOString().slice(11, 19)} UTC.`);
        }
      } catch (error) {
        // Throttled or briefly unreachable: say so, and keep trying.
        if (generation === reader.generation) controls.setError(error);
      } finally {
        if (generation === reader.generation) reader.busy = false;
      }
    }
    // One loop per reading: a loop of a reading that started over ends here.
    if (tail.checked && generation === reader.generation) timer = window.setTimeout(() => void tailOnce(), TAIL_MS);
  }

  function stop() {
    tail.checked = false;
    root.dataset.tailing = "false";
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
  }

  return {
    stop,
    /** The box was ticked or cleared. */
    toggle() {
      if (tail.checked) {
        root.dataset.tailing = "true";
        more.hidden = true;
        controls.setStatus("Live: waiting for records…");
        void tailOnce();
      } else {
        stop();
        more.hidden = reader.iterator === undefined;
        controls.setStatus(`Stopped: ${records.length} records.`);
      }
    },
  };
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
