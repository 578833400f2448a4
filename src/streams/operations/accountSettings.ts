/** DescribeAccountSettings and UpdateAccountSettings: the MinimumThroughputBillingCommitment (see ../account-settings.ts). */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { commitmentOutput } from "../account-settings";
import { registryFor } from "../../objects";
import type {
  DescribeAccountSettingsInput,
  DescribeAccountSettingsOutput,
  UpdateAccountSettingsInput,
  UpdateAccountSettingsOutput,
} from "../shapes.generated";

export async function describeAccountSettings(
  _input: DescribeAccountSettingsInput,
  context: RequestContext,
): Promise<DescribeAccountSettingsOutput> {
  const settings = unwrap(await registryFor(context.env, context.scope).accountSettings());
  return { MinimumThroughputBillingCommitment: commitmentOutput(settings) };
}

export async function updateAccountSettings(
  input: UpdateAccountSettingsInput,
  context: RequestContext,
): Promise<UpdateAccountSettingsOutput> {
  const settings = unwrap(
    await registryFor(context.env, context.scope).updateAccountSettings(input.MinimumThroughputBillingCommitment.Status),
  );
  return { MinimumThroughputBillingCommitment: commitmentOutput(settings) };
}
