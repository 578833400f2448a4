// The scenarios, in the order they run and appear in the table. Each module exports one Scenario.
//
// A server without what a scenario measures (Firehose, enhanced fan-out) makes run() throw Unsupported
// (bench/client.mjs): its cells read "n/a" and the reason becomes a note, not an error.

import putLatency from "./put-latency.mjs";
import putThroughput from "./put-throughput.mjs";
import cpu from "./cpu.mjs";
import drain from "./drain.mjs";
import propagation from "./propagation.mjs";
import propagationEfo from "./propagation-efo.mjs";
import firehose from "./firehose.mjs";
import firehoseColumnar from "./firehose-columnar.mjs";
import memory from "./memory.mjs";
import { videoIngest, videoLatency, videoServing } from "./video.mjs";
import { analyticsThroughput, analyticsWindowDelay } from "./analytics.mjs";
import { videoImages, videoMotion } from "./video-images.mjs";

/**
 * @typedef {object} Figure
 * @property {string} key the key in the scenario's result and in the JSON file
 * @property {string} label the row's name in the table
 * @property {"ms" | "µs" | "records/s" | "requests/s" | "images/s" | "MiB/s" | "MiB" | "×"} unit
 * @property {"lower" | "higher"} better which way is better, so a ratio can be read
 */

/**
 * @typedef {object} ScenarioContext
 * @property {string} server the server's name, for progress labels
 * @property {string} endpoint
 * @property {number} pid the server's top process
 * @property {boolean} quick small counts, for CI
 * @property {AbortSignal} signal aborted when the scenario's time limit passes or the run is interrupted
 * @property {(what: string, total: number) => import("../progress.mjs").Progress} progress
 */

/**
 * @typedef {object} ScenarioResult
 * @property {Record<string, number>} figures one value per Figure key
 * @property {Record<string, unknown>} [details] counts and settings behind the figures, for the JSON file
 * @property {string[]} [notes] what a reader of the figures must know, e.g. records the server lost
 */

/**
 * @typedef {object} Scenario
 * @property {string} name as given to --only
 * @property {string} title
 * @property {(quick: boolean) => string} describe one line for the output, with the counts used
 * @property {Figure[]} figures
 * @property {(quick: boolean) => number} timeLimitMs after this the scenario is aborted and shows "error"
 * @property {(ctx: ScenarioContext) => Promise<ScenarioResult>} run
 */

/** @type {Scenario[]} */
export const SCENARIOS = [putLatency, putThroughput, cpu, drain, propagation, propagationEfo, firehose, firehoseColumnar, videoIngest, videoLatency, videoServing, videoImages, videoMotion, analyticsThroughput, analyticsWindowDelay, memory];
