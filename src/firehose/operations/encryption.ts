/**
 * StartDeliveryStreamEncryption and StopDeliveryStreamEncryption. Records in a buffer object are
 * stored by Cloudflare encrypted at rest whatever the setting; the setting is kept, described,
 * and reported as PutRecord's Encrypted, and objects in R2 are encrypted at rest by R2.
 */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { firehoseRegistryFor } from "../../objects";
import type {
  DeliveryStreamEncryptionConfigurationInput,
  StartDeliveryStreamEncryptionInput,
  StartDeliveryStreamEncryptionOutput,
  StopDeliveryStreamEncryptionInput,
  StopDeliveryStreamEncryptionOutput,
} from "../shapes.generated";

export function checkKeyInput(input: DeliveryStreamEncryptionConfigurationInput): void {
  if (input.KeyType === "CUSTOMER_MANAGED_CMK" && input.KeyARN === undefined) {
    throw new InvalidArgumentException("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
  }
  if (input.KeyType === "AWS_OWNED_CMK" && input.KeyARN !== undefined) {
    throw new InvalidArgumentException("KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
  }
}

export async function startDeliveryStreamEncryption(
  input: StartDeliveryStreamEncryptionInput,
  context: RequestContext,
): Promise<StartDeliveryStreamEncryptionOutput> {
  const key = input.DeliveryStreamEncryptionConfigurationInput ?? { KeyType: "AWS_OWNED_CMK" as const };
  checkKeyInput(key);
  unwrap(await firehoseRegistryFor(context.env, context.scope).setEncryption(context.scope, input.DeliveryStreamName, key));
  return {};
}

export async function stopDeliveryStreamEncryption(
  input: StopDeliveryStreamEncryptionInput,
  context: RequestContext,
): Promise<StopDeliveryStreamEncryptionOutput> {
  unwrap(await firehoseRegistryFor(context.env, context.scope).setEncryption(context.scope, input.DeliveryStreamName, null));
  return {};
}
