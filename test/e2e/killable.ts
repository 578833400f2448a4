/**
 * `npm start` (local/serve.mjs) in a process of its own, which a test can kill as a crash would:
 * SIGKILL to it and to every process under it (workerd; each is found by its parent and killed by id,
 * whatever process group it runs in), then wait until none of them runs.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sleep } from "./helpers";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface KillableServer {
  url: string;
  /** SIGKILL to the server and every process under it, by id; settles once all are gone. */
  kill(): Promise<void>;
  /** The graceful stop of `npm start` (SIGTERM). */
  stop(): Promise<void>;
}

/** `npm start` in a process of its own, on a free port; settles once it prints its URL. */
export async function startKillable(persistDir: string): Promise<KillableServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", RIVULET_PERSIST_DIR: persistDir };
  delete env.RIVULET_ACCESS_KEYS;
  const child = spawn(process.execPath, [path.join(ROOT, "local/serve.mjs")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output = `${output}${chunk.toString("utf8")}`.slice(-4000);
  });
  const kill = async () => {
    const pids = [child.pid ?? -1, ...descendantsOf(child)];
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await exited;
    await waitUntilGone(pids);
  };
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${output}`)), 120_000);
      let seen = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        seen += chunk.toString("utf8");
        const match = /Rivulet listening on (http:\/\/\S+)/.exec(seen);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the server exited before it was ready:\n${output}`));
      });
    });
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    url,
    kill,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Every process under `child`, whatever process group it runs in. */
function descendantsOf(child: ChildProcess): number[] {
  const table = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [child.pid ?? -1];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [pid, ppid] of table) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Waits until none of `pids` runs (a zombie waiting to be reaped no longer holds anything). */
async function waitUntilGone(pids: number[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const running = pids.filter((pid) => {
      try {
        const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
        return state !== "" && !state.startsWith("Z");
      } catch {
        return false; // ps exits 1 for a pid that does not exist
      }
    });
    if (running.length === 0) return;
    if (Date.now() > deadline) throw new Error(`processes ${running.join(", ")} outlived SIGKILL`);
    await sleep(100);
  }
}
