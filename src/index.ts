import { app } from "./app";
export { StreamRegistry } from "./streams/registry";
export { Shard } from "./streams/shard";

export default app;
