// Creating an Analytics application (src/console/pages/analytics-list.tsx). "Discover schema" runs
// DiscoverInputSchema on the chosen source and shows the columns it inferred (and, while the SQL is
// untouched, writes a pump that copies them to the destination stream); "Create application" builds
// v2's CreateApplication from the form and opens the new application's page. Both are calls of the
// console API, so AWS's errors show as the API answers them.
import { callApi, describeError } from "./api.js";

/**
 * @typedef {{ Name: string, SqlType: string, Mapping?: string }} RecordColumn
 * @typedef {{ RecordFormat: { RecordFormatType: string }, RecordEncoding?: string, RecordColumns: RecordColumn[] }} SourceSchema
 */

/** @param {HTMLFormElement} form */
export function initCreateApplication(form) {
  const status = /** @type {HTMLElement} */ (form.querySelector("[data-schema-status]"));
  const schemaView = /** @type {HTMLElement} */ (form.querySelector("[data-schema]"));
  const errorLine = /** @type {HTMLElement} */ (form.querySelector("[data-form-error]"));
  const discover = /** @type {HTMLButtonElement} */ (form.querySelector("[data-discover]"));
  const code = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem("code"));
  /** @type {SourceSchema | undefined} the schema discovered for the source now chosen */
  let schema;
  /** Whether the SQL is the user's own: then discovery leaves it alone. */
  let codeEdited = false;

  /** @param {string} name */
  const value = (name) => {
    const element = form.elements.namedItem(name);
    return element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement ? element.value.trim() : "";
  };

  /** @param {unknown} error */
  function setError(error) {
    errorLine.textContent = error === undefined ? "" : describeError(error);
    errorLine.hidden = error === undefined;
  }

  code.addEventListener("input", () => {
    codeEdited = code.value.trim() !== "";
  });
  const sourceSelect = /** @type {HTMLSelectElement} */ (form.elements.namedItem("source"));
  sourceSelect.addEventListener("change", () => {
    schema = undefined;
    schemaView.hidden = true;
    status.textContent = value("source") === "" ? "Choose a source, then discover its schema from its records." : "Discover the schema of this source from its records.";
  });

  discover.addEventListener("click", () => {
    void (async () => {
      const source = value("source");
      if (source === "") {
        status.textContent = "Choose a source first.";
        return;
      }
      setError(undefined);
      discover.disabled = true;
      status.textContent = "Reading records…";
      try {
        const answer = await callApi("kinesisanalyticsv2", "DiscoverInputSchema", {
          ResourceARN: source,
          ServiceExecutionRole: value("role"),
          InputStartingPositionConfiguration: { InputStartingPosition: value("position") },
        });
        if (value("source") !== source) return;
        schema = /** @type {SourceSchema} */ (answer.InputSchema);
        showSchema(schemaView, schema);
        const sampled = Array.isArray(answer.RawInputRecords) ? answer.RawInputRecords.length : 0;
        status.textContent = `${schema.RecordColumns.length} columns inferred from ${sampled} records (${schema.RecordFormat.RecordFormatType}).`;
        if (!codeEdited) code.value = copyingPump(value("prefix"), value("output"), schema.RecordColumns);
      } catch (error) {
        status.textContent = "No schema.";
        setError(error);
      } finally {
        discover.disabled = false;
      }
    })();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      setError(undefined);
      const name = value("name");
      const input = createInput(form, value, schema);
      if (typeof input === "string") {
        setError(new Error(input));
        return;
      }
      for (const button of form.querySelectorAll("button")) button.disabled = true;
      try {
        await callApi("kinesisanalyticsv2", "CreateApplication", input);
        window.location.assign(`/console/analytics/${encodeURIComponent(name)}`);
      } catch (error) {
        setError(error);
      } finally {
        for (const button of form.querySelectorAll("button")) button.disabled = false;
      }
    })();
  });
}

/**
 * v2's CreateApplication input from the form, or what is missing, as a sentence.
 * @param {HTMLFormElement} form
 * @param {(name: string) => string} value
 * @param {SourceSchema | undefined} schema
 * @returns {Record<string, unknown> | string}
 */
function createInput(form, value, schema) {
  const source = value("source");
  const destination = value("destination");
  if (source !== "" && schema === undefined) return "Discover the source's schema first: an input needs one.";
  /** @type {Record<string, unknown>} */
  const sql = {};
  if (source !== "" && schema !== undefined) {
    sql.Inputs = [{ NamePrefix: value("prefix"), [kindOf(form, "source") === "firehose" ? "KinesisFirehoseInput" : "KinesisStreamsInput"]: { ResourceARN: source }, InputSchema: schema }];
  }
  if (destination !== "") {
    sql.Outputs = [
      {
        Name: value("output"),
        [kindOf(form, "destination") === "firehose" ? "KinesisFirehoseOutput" : "KinesisStreamsOutput"]: { ResourceARN: destination },
        DestinationSchema: { RecordFormatType: value("format") },
      },
    ];
  }
  /** @type {Record<string, unknown>} */
  const configuration = {};
  if (value("code") !== "") configuration.ApplicationCodeConfiguration = { CodeContentType: "PLAINTEXT", CodeContent: { TextContent: value("code") } };
  if (Object.keys(sql).length > 0) configuration.SqlApplicationConfiguration = sql;
  return {
    ApplicationName: value("name"),
    RuntimeEnvironment: "SQL-1_0",
    ServiceExecutionRole: value("role"),
    ...(value("description") !== "" && { ApplicationDescription: value("description") }),
    ...(Object.keys(configuration).length > 0 && { ApplicationConfiguration: configuration }),
  };
}

/**
 * Whether the select's chosen stream is a data stream or a Firehose stream (its option says).
 * @param {HTMLFormElement} form
 * @param {string} name
 */
function kindOf(form, name) {
  const select = form.elements.namedItem(name);
  return select instanceof HTMLSelectElement ? select.selectedOptions[0]?.dataset.kind : undefined;
}

/**
 * A first program: a stream with the source's columns and a pump copying every row into it.
 * @param {string} prefix
 * @param {string} output
 * @param {RecordColumn[]} columns
 */
function copyingPump(prefix, output, columns) {
  const target = output || "DESTINATION_SQL_STREAM";
  const quoted = columns.map((column) => `"${column.Name.replaceAll('"', '""')}"`);
  const definitions = columns.map((column, index) => `${quoted[index]} ${column.SqlType}`);
  return [
    `CREATE OR REPLACE STREAM "${target}" (${definitions.join(", ")});`,
    `CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "${target}"`,
    `  SELECT STREAM ${quoted.join(", ")} FROM "${prefix || "SOURCE_SQL_STREAM"}_001";`,
    "",
  ].join("\n");
}

/**
 * The discovered columns as a table, built with textContent only.
 * @param {HTMLElement} view
 * @param {SourceSchema} schema
 */
function showSchema(view, schema) {
  const table = document.createElement("table");
  const head = document.createElement("tr");
  for (const title of ["Column", "SQL type", "Mapping"]) {
    const th = document.createElement("th");
    th.textContent = title;
    head.append(th);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  const body = document.createElement("tbody");
  for (const column of schema.RecordColumns) {
    const row = document.createElement("tr");
    row.dataset.testid = "discovered-column";
    for (const [label, text] of [
      ["Column", column.Name],
      ["SQL type", column.SqlType],
      ["Mapping", column.Mapping ?? "—"],
    ]) {
      const td = document.createElement("td");
      td.className = "mono";
      td.dataset.label = label;
      td.textContent = text;
      row.append(td);
    }
    body.append(row);
  }
  table.append(thead, body);
  view.replaceChildren(table);
  view.hidden = false;
}
