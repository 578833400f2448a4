// Live panels: an element with data-refresh="<url>" is rendered again by the server every
// data-refresh-ms (default 10 s) and swapped in whole; a new rendering without data-refresh ends the
// refreshing (a stream that has become ACTIVE). The server escapes everything it renders (Hono JSX);
// the new element is parsed inertly (DOMParser runs no scripts) and moved into the page.
import { signInAgain } from "./api.js";

const DEFAULT_MS = 10_000;

export function initRefresh() {
  for (const element of document.querySelectorAll("[data-refresh]")) {
    if (element instanceof HTMLElement) schedule(element);
  }
}

/** @param {HTMLElement} element */
function schedule(element) {
  const ms = Number(element.dataset.refreshMs) || DEFAULT_MS;
  window.setTimeout(() => void refresh(element), ms);
}

/** @param {HTMLElement} element */
async function refresh(element) {
  if (!element.isConnected) return;
  // Nothing to show while the tab is hidden, while someone is typing in a form of the panel, or while
  // a form of it shows the error of its last action (a new rendering would take that away).
  if (document.hidden || element.contains(document.activeElement) || element.querySelector("[data-form-error]:not([hidden])")) return schedule(element);
  try {
    const url = element.dataset.refresh ?? "";
    const response = await fetch(url, { credentials: "same-origin", headers: { accept: "text/html" } });
    if (response.status === 401 || response.redirected) return signInAgain();
    if (response.ok) {
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").body.firstElementChild;
      if (fresh instanceof HTMLElement && fresh.dataset.testid === element.dataset.testid && element.isConnected) {
        element.replaceWith(document.adoptNode(fresh));
        fresh.dispatchEvent(new CustomEvent("refreshed", { bubbles: true }));
        if (fresh.dataset.refresh !== undefined) schedule(fresh);
        return;
      }
    }
  } catch {
    // The server could not be reached: try again at the next turn.
  }
  schedule(element);
}
