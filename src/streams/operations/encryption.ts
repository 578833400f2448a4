/** StartStreamEncryption and StopStreamEncryption: server-side encryption of records at rest (see ../encryption.ts). */
import { InvalidArgumentException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type {
  StartStreamEncryptionInput,
  StartStreamEncryptionOutput,
  StopStreamEncryptionInput,
  StopStreamEncryptionOutput,
} from "../shapes.generated";

/** The model allows NONE, but the only encryption these operations take is KMS. */
function checkType(input: StartStreamEncryptionInput | StopStreamEncryptionInput, operation: string): void {
  if (input.EncryptionType !== "KMS") {
    throw new InvalidArgumentException(
      `Invalid EncryptionType ${input.EncryptionType} used in ${operation}. KMS is the only valid EncryptionType.`,
    );
  }
}

export async function startStreamEncryption(
  input: StartStreamEncryptionInput,
  context: RequestContext,
): Promise<StartStreamEncryptionOutput> {
  const name = streamNameOf(input, context);
  checkType(input, "StartStreamEncryption");
  unwrap(await registryFor(context.env, context.scope).setEncryption(context.scope, name, input.KeyId));
  forgetStream(context, name);
}

export async function stopStreamEncryption(input: StopStreamEncryptionInput, context: RequestContext): Promise<StopStreamEncryptionOutput> {
  const name = streamNameOf(input, context);
  checkType(input, "StopStreamEncryption");
  unwrap(await registryFor(context.env, context.scope).setEncryption(context.scope, name, null));
  forgetStream(context, name);
}
