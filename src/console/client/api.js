// The console API from the browser: POST /console/api/<service>/<Operation> with the operation's
// AWS JSON input; answers its output, or throws ApiError with AWS's error type and message.
// A 401 (the session ended) sends the page to the sign-in page.

class ApiError extends Error {
  /**
   * @param {string} type AWS's error type, e.g. ResourceNotFoundException
   * @param {string} message
   * @param {number} status
   */
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

/**
 * @param {string} service "kinesis", "firehose", "kinesisvideo", ... (src/console/api.ts)
 * @param {string} operation e.g. "GetRecords"
 * @param {object} input the operation's input, as AWS JSON (blobs base64, timestamps epoch seconds)
 * @returns {Promise<any>} the operation's output, as AWS JSON
 */
export async function callApi(service, operation, input) {
  const response = await fetch(`/console/api/${encodeURIComponent(service)}/${encodeURIComponent(operation)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
    credentials: "same-origin",
  });
  return answerOf(response);
}

/**
 * An operation whose output is bytes (Video's GetClip), answered as the API answers it: a Blob of its
 * Content-Type; errors thrown as callApi throws them.
 * @param {string} service
 * @param {string} operation
 * @param {object} input
 * @returns {Promise<Blob>}
 */
export async function callApiForBytes(service, operation, input) {
  const response = await fetch(`/console/api/${encodeURIComponent(service)}/${encodeURIComponent(operation)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
    credentials: "same-origin",
  });
  // answerOf throws for every answer that is not ok (and sends a 401 to the sign-in page).
  if (!response.ok) return answerOf(response);
  return response.blob();
}

/**
 * One of the console API's JSON reads (metrics, an application's live rows), answered as callApi answers.
 * @param {string} url
 * @returns {Promise<any>}
 */
export async function getApi(url) {
  return answerOf(await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } }));
}

/** Sends the page to the sign-in page, to come back here. */
export function signInAgain() {
  window.location.assign(`/console/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

/**
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function answerOf(response) {
  /** @type {any} */
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.status === 401) {
    signInAgain();
    throw new ApiError("SignInRequired", "The session has ended.", 401);
  }
  if (!response.ok) {
    const type = typeof body?.__type === "string" ? body.__type : `HTTP ${response.status}`;
    const message = typeof body?.message === "string" ? body.message : typeof body?.Message === "string" ? body.Message : response.statusText;
    throw new ApiError(type, message, response.status);
  }
  return body;
}

/**
 * An error as a line for the page: AWS's type and message.
 * @param {unknown} error
 * @returns {string}
 */
export function describeError(error) {
  if (error instanceof ApiError) return error.message ? `${error.type}: ${error.message}` : error.type;
  return error instanceof Error ? error.message : String(error);
}
