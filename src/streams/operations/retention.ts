import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf, type StreamReference } from "../locate";
import { registryFor } from "../../objects";

export interface RetentionInput extends StreamReference {
  RetentionPeriodHours: number;
}

async function changeRetention(input: RetentionInput, context: RequestContext, direction: "increase" | "decrease") {
  const name = streamNameOf(input, context);
  unwrap(
    await registryFor(context.env, context.scope).updateRetention(context.scope, name, input.RetentionPeriodHours, direction),
  );
  forgetStream(context, name);
  return {};
}

export const increaseStreamRetentionPeriod = (input: RetentionInput, context: RequestContext) =>
  changeRetention(input, context, "increase");

export const decreaseStreamRetentionPeriod = (input: RetentionInput, context: RequestContext) =>
  changeRetention(input, context, "decrease");
