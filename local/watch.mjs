import fs from "node:fs";
import path from "node:path";

// What `npm start` watches to rebuild the Worker, as `wrangler dev` did: the sources under src/ and
// the wrangler config. A burst of changes (an editor saving several files, a git checkout) makes one
// rebuild, once the files have been quiet for a moment.

const QUIET_MS = 300;

/**
 * @param {string} projectRoot the directory of the wrangler config
 * @param {string} configPath
 * @param {() => void} onChange
 * @returns {() => void} stops watching
 */
export function watchSources(projectRoot, configPath, onChange) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, QUIET_MS);
  };
  /** @type {fs.FSWatcher[]} */
  const watchers = [];
  const src = path.join(projectRoot, "src");
  try {
    if (fs.existsSync(src)) watchers.push(fs.watch(src, { recursive: true, persistent: false }, changed));
    watchers.push(fs.watch(configPath, { persistent: false }, changed));
  } catch {
    // A file system without change notifications: the Worker runs as built at start.
  }
  for (const watcher of watchers) watcher.on("error", () => watcher.close());
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
