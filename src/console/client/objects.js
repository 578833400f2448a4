// Uploading files to a bucket and deleting objects (src/console/pages/buckets.tsx): the file goes
// as the body of PUT /console/api/s3/<bucket>/<key>, which runs S3's PutObject as the signed-in
// user; a delete is DELETE on the same address. The page reloads afterwards to show the folder.
import { describeError, signInAgain } from "./api.js";

export function initObjects() {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.upload === undefined) return;
    event.preventDefault();
    void upload(form);
  });
  document.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement) || target.dataset.deleteKey === undefined) return;
    void remove(target);
  });
}

/**
 * @param {string} bucket
 * @param {string} key
 */
function objectUrl(bucket, key) {
  return `/console/api/s3/${encodeURIComponent(bucket)}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * @param {Response} response
 * @returns {Promise<void>}
 */
async function ensureOk(response) {
  if (response.status === 401) {
    signInAgain();
    throw new Error("The session has ended.");
  }
  if (response.ok) return;
  /** @type {any} */
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const type = typeof body?.__type === "string" ? body.__type : `HTTP ${response.status}`;
  throw new Error(typeof body?.message === "string" ? `${type}: ${body.message}` : type);
}

/** @param {HTMLFormElement} form */
async function upload(form) {
  const input = form.elements.namedItem("file");
  const keyField = form.elements.namedItem("key");
  const error = form.querySelector("[data-form-error]");
  const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
  if (!file) return;
  const typed = keyField instanceof HTMLInputElement ? keyField.value.trim() : "";
  const key = typed !== "" ? typed : `${form.dataset.prefix ?? ""}${file.name}`;
  if (error instanceof HTMLElement) error.hidden = true;
  for (const button of form.querySelectorAll("button")) button.disabled = true;
  try {
    const response = await fetch(objectUrl(form.dataset.upload ?? "", key), {
      method: "PUT",
      headers: { "content-type": file.type || "application/octet-stream" },
      body: file,
      credentials: "same-origin",
    });
    await ensureOk(response);
    window.location.reload();
  } catch (failure) {
    if (error instanceof HTMLElement) {
      error.textContent = describeError(failure);
      error.hidden = false;
    }
  } finally {
    for (const button of form.querySelectorAll("button")) button.disabled = false;
  }
}

/** @param {HTMLButtonElement} button */
async function remove(button) {
  const key = button.dataset.deleteKey ?? "";
  if (!window.confirm(`Delete ${key}?`)) return;
  button.disabled = true;
  try {
    await ensureOk(await fetch(objectUrl(button.dataset.deleteBucket ?? "", key), { method: "DELETE", credentials: "same-origin" }));
    window.location.reload();
  } catch (failure) {
    button.disabled = false;
    window.alert(describeError(failure));
  }
}
