/**
 * Enhanced fan-out consumers as the registry keeps them: registered per stream, CREATING for a
 * moment and then ACTIVE, DELETING for a moment and then gone (both by time, like streams).
 */
import { LimitExceededException, ResourceInUseException, ResourceNotFoundException } from "../aws/errors";
import { KINESIS } from "../limits";
import { streamArn } from "./ids";
import type { ConsumerRow, ConsumerStatus, RegistryStore } from "./registry-store";

export interface ConsumerView {
  name: string;
  arn: string;
  status: ConsumerStatus;
  createdMs: number;
  streamArn: string;
}

interface Where {
  account: string;
  region: string;
  streamName: string;
}

export function consumerArn(where: Where, name: string, createdMs: number): string {
  return `${streamArn(where.region, where.account, where.streamName)}/consumer/${name}:${Math.floor(createdMs / 1000)}`;
}

/** Splits a consumer ARN; undefined when it is not one. */
export function parseConsumerArn(
  arn: string,
): { region: string; account: string; streamName: string; consumerName: string; createdSeconds: number } | undefined {
  const match = /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/([^/]+)\/consumer\/([^:/]+):(\d+)$/.exec(arn);
  if (!match) return undefined;
  const [, region = "", account = "", streamName = "", consumerName = "", created = "0"] = match;
  return { region, account, streamName, consumerName, createdSeconds: Number(created) };
}

function effective(row: ConsumerRow, now: number): ConsumerRow | undefined {
  const due = row.statusUntilMs !== null && now >= row.statusUntilMs;
  if (row.status === "DELETING" && due) return undefined;
  if (row.status === "CREATING" && due) return { ...row, status: "ACTIVE" };
  return row;
}

function view(where: Where, row: ConsumerRow): ConsumerView {
  return {
    name: row.name,
    arn: consumerArn(where, row.name, row.createdMs),
    status: row.status,
    createdMs: row.createdMs,
    streamArn: streamArn(where.region, where.account, where.streamName),
  };
}

export function liveConsumers(store: RegistryStore, where: Where, now: number): ConsumerView[] {
  return store
    .consumers(where.streamName)
    .map((row) => effective(row, now))
    .filter((row) => row !== undefined)
    .map((row) => view(where, row));
}

export function registerConsumer(store: RegistryStore, where: Where, name: string, now: number): ConsumerView {
  const existing = store.consumer(where.streamName, name);
  if (existing && effective(existing, now)) {
    throw new ResourceInUseException(
      `Consumer ${consumerArn(where, name, existing.createdMs)} under account ${where.account} already exists.`,
    );
  }
  if (liveConsumers(store, where, now).length >= KINESIS.maxConsumersPerStream) {
    throw new LimitExceededException(
      `Consumer limit of ${KINESIS.maxConsumersPerStream} reached for stream ${streamArn(where.region, where.account, where.streamName)}.`,
    );
  }
  const row: ConsumerRow = { streamName: where.streamName, name, createdMs: now, status: "CREATING", statusUntilMs: now + KINESIS.createConsumerMs };
  store.putConsumer(row);
  return view(where, row);
}

/** The consumer, optionally only the registration made at `createdSeconds` (ARNs name one). */
export function findConsumer(store: RegistryStore, where: Where, name: string, now: number, createdSeconds?: number): ConsumerView {
  const row = store.consumer(where.streamName, name);
  const live = row && effective(row, now);
  if (!live || (createdSeconds !== undefined && Math.floor(live.createdMs / 1000) !== createdSeconds)) {
    throw new ResourceNotFoundException(
      `Consumer ${name} under stream ${where.streamName} under account ${where.account} not found.`,
    );
  }
  return view(where, live);
}

export function deregisterConsumer(store: RegistryStore, where: Where, name: string, now: number, createdSeconds?: number): void {
  const consumer = findConsumer(store, where, name, now, createdSeconds);
  if (consumer.status === "DELETING") return;
  store.putConsumer({
    streamName: where.streamName,
    name,
    createdMs: consumer.createdMs,
    status: "DELETING",
    statusUntilMs: now + KINESIS.deleteConsumerMs,
  });
}
