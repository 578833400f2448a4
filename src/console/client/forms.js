// Forms that run an AWS operation (src/console/forms.tsx says what the attributes mean). Listened
// for on the document, so forms that a refresh brings in work too.
import { callApi, describeError } from "./api.js";
import { base64OfText } from "./records.js";

export function initForms() {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
    event.preventDefault();
    void submit(form);
  });
  document.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    // A select that shows something else at once (e.g. the shard of the shard-level charts).
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change")) target.form?.requestSubmit();
    const form = target.closest("form");
    if (form) applyConditions(form);
  });
  for (const form of document.querySelectorAll("form")) applyConditions(form);
}

/**
 * Fields with data-disabled-when="<name>=<value>" are disabled (and so left out) while that field has that value.
 * @param {HTMLFormElement} form
 */
function applyConditions(form) {
  for (const field of form.querySelectorAll("[data-disabled-when]")) {
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) continue;
    const [name = "", value = ""] = (field.dataset.disabledWhen ?? "").split("=");
    const other = form.elements.namedItem(name);
    field.disabled = other instanceof HTMLSelectElement || other instanceof HTMLInputElement ? other.value === value : false;
  }
}

/** @param {HTMLFormElement} form */
async function submit(form) {
  if (form.dataset.busy === "true") return;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  const [service = "", operation = ""] = (form.dataset.api ?? "").split("/");
  const error = form.querySelector("[data-form-error]");
  const result = form.querySelector("[data-form-result]");
  if (error instanceof HTMLElement) error.hidden = true;
  if (result instanceof HTMLElement) result.hidden = true;
  const input = inputOf(form);
  setBusy(form, true);
  try {
    const output = await callApi(service, operation, input);
    if (form.dataset.navigate) {
      window.location.assign(fill(form.dataset.navigate, input, true));
    } else if (form.dataset.result && result instanceof HTMLElement) {
      result.textContent = fill(form.dataset.result, output, false);
      result.hidden = false;
      form.dispatchEvent(new CustomEvent("api-success", { detail: output, bubbles: true }));
    } else {
      window.location.reload();
    }
  } catch (failure) {
    if (error instanceof HTMLElement) {
      error.textContent = describeError(failure);
      error.hidden = false;
    }
  } finally {
    setBusy(form, false);
  }
}

/**
 * @param {HTMLFormElement} form
 * @param {boolean} busy
 */
function setBusy(form, busy) {
  form.dataset.busy = String(busy);
  for (const button of form.querySelectorAll("button")) button.disabled = busy;
}

/**
 * The operation's input from the form's named fields: dotted names nest, data-type converts,
 * empty and disabled fields are left out.
 * @param {HTMLFormElement} form
 * @returns {Record<string, unknown>}
 */
function inputOf(form) {
  /** @type {Record<string, unknown>} */
  const input = {};
  for (const field of form.elements) {
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement)) continue;
    if (!field.name || field.disabled) continue;
    if (field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox") && !field.checked) continue;
    if (field.value === "") continue;
    setPath(input, field.name, converted(field.value, field.dataset.type));
  }
  return input;
}

/**
 * @param {string} value
 * @param {string | undefined} type
 * @returns {unknown}
 */
function converted(value, type) {
  if (type === "number") return Number(value);
  if (type === "boolean") return value === "true";
  if (type === "list") return value.split(",").map((item) => item.trim()).filter((item) => item !== "");
  if (type === "base64") return base64OfText(value);
  return value;
}

/**
 * A number as a part makes a list, for members such as StartApplication's InputConfigurations:
 * `InputConfigurations.0.Id`.
 * @param {Record<string, unknown>} target
 * @param {string} path
 * @param {unknown} value
 */
function setPath(target, path, value) {
  const parts = path.split(".");
  /** @type {Record<string, unknown>} */
  let node = target;
  parts.slice(0, -1).forEach((part, index) => {
    const next = node[part];
    if (typeof next === "object" && next !== null) node = /** @type {Record<string, unknown>} */ (next);
    else {
      const created = /^\d+$/.test(parts[index + 1] ?? "") ? [] : {};
      node[part] = created;
      node = /** @type {Record<string, unknown>} */ (created);
    }
  });
  node[parts[parts.length - 1] ?? path] = value;
}

/**
 * A template with {Field} filled from values (URL-encoded for links).
 * @param {string} template
 * @param {Record<string, unknown>} values
 * @param {boolean} encode
 * @returns {string}
 */
function fill(template, values, encode) {
  return template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_, name) => {
    const value = values[name];
    const text = value === undefined || value === null ? "" : String(value);
    return encode ? encodeURIComponent(text) : text;
  });
}
