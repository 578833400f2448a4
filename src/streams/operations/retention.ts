import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type {
  DecreaseStreamRetentionPeriodInput,
  DecreaseStreamRetentionPeriodOutput,
  IncreaseStreamRetentionPeriodInput,
  IncreaseStreamRetentionPeriodOutput,
} from "../shapes.generated";

async function changeRetention(
  input: IncreaseStreamRetentionPeriodInput | DecreaseStreamRetentionPeriodInput,
  context: RequestContext,
  direction: "increase" | "decrease",
): Promise<void> {
  const name = streamNameOf(input, context);
  unwrap(
    await registryFor(context.env, context.scope).updateRetention(context.scope, name, input.RetentionPeriodHours, direction),
  );
  forgetStream(context, name);
}

export const increaseStreamRetentionPeriod = (
  input: IncreaseStreamRetentionPeriodInput,
  context: RequestContext,
): Promise<IncreaseStreamRetentionPeriodOutput> => changeRetention(input, context, "increase");

export const decreaseStreamRetentionPeriod = (
  input: DecreaseStreamRetentionPeriodInput,
  context: RequestContext,
): Promise<DecreaseStreamRetentionPeriodOutput> => changeRetention(input, context, "decrease");
