// Runs kinesalite in its own process, so its memory can be measured apart from the benchmark's.
// Stream state changes are instant (the other servers get the same), and the shard limit is raised so
// every scenario's streams fit. Data stays in memory, as kinesalite users run it.
"use strict";

const kinesalite = require("kinesalite");

const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  process.send({ url: `http://127.0.0.1:${port}` });
});
// The parent gone means nobody will ever stop us: leave rather than linger.
process.on("disconnect", () => process.exit(0));
