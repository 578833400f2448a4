// Runs Rivulet's local server in its own process, so its memory (this process and the runtime it
// starts) can be measured apart from the benchmark's, exactly as for the other servers.
// argv[2] is the fresh persistence directory the parent made for this run, argv[3] the wrangler.toml of
// the snapshot of the Worker's sources to run.

const { startLocalServer } = await import(new URL("../../local/server.mjs", import.meta.url).href);

const server = await startLocalServer({
  port: 0,
  persistDir: process.argv[2],
  wranglerConfig: process.argv[3],
  quiet: true,
});
process.send?.({ url: server.url });

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  try {
    await server.close();
  } finally {
    process.exit(0);
  }
}
// The parent asks with SIGTERM; a vanished parent shows as a lost IPC channel.
process.on("SIGTERM", close);
process.on("disconnect", close);
