// What the Video page's parts share about fragments (client/video.js, client/frames.js): their
// times as people read them and as the API reads them, and fragments offered in a <select>.

/**
 * A fragment as ListFragments answers it (timestamps in epoch seconds).
 * @typedef {{ FragmentNumber: string, FragmentSizeInBytes: number, ProducerTimestamp: number, ServerTimestamp: number, FragmentLengthInMilliseconds: number }} Fragment
 */

/** @param {number} epochSeconds @returns {string} */
export function clock(epochSeconds) {
  return new Date(epochSeconds * 1000).toISOString().replace("T", " ").replace("Z", " UTC");
}

/** Epoch seconds to the millisecond, as the API reads them. @param {number} ms */
export const seconds = (ms) => Math.round(ms) / 1000;

/**
 * The fragments as options, keeping the one chosen if it is still listed.
 * @param {HTMLSelectElement} select
 * @param {readonly Fragment[]} fragments
 * @param {"first" | "last"} preset which one is chosen when none was
 */
export function fillFragments(select, fragments, preset) {
  if (select === document.activeElement) return;
  const chosen = select.value;
  select.replaceChildren(
    ...fragments.map((fragment) => {
      const option = document.createElement("option");
      option.value = fragment.FragmentNumber;
      option.textContent = `${clock(fragment.ServerTimestamp)} (${fragment.FragmentLengthInMilliseconds} ms)`;
      return option;
    }),
  );
  const keep = fragments.some((fragment) => fragment.FragmentNumber === chosen);
  const fallback = preset === "first" ? fragments[0] : fragments[fragments.length - 1];
  select.value = keep ? chosen : (fallback?.FragmentNumber ?? "");
}
