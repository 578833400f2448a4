/**
 * AWS's wire errors. Every failure a client can see is thrown as one of these and turned into a
 * response in exactly one place (protocol.ts): `{"__type": type, "message": message}` with `status`.
 * Anything else that escapes an operation is a bug and answers as AWS's InternalFailure.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string | undefined,
    readonly status = 400,
  ) {
    super(message ?? type);
    this.name = type;
    this.awsMessage = message;
  }

  /** The message as sent on the wire; some AWS errors carry none. */
  readonly awsMessage: string | undefined;

  body(): Record<string, string> {
    return this.awsMessage === undefined ? { __type: this.type } : { __type: this.type, message: this.awsMessage };
  }
}

function errorClass(type: string, status = 400) {
  return class extends AwsError {
    constructor(message?: string) {
      super(type, message, status);
    }
  };
}

// Protocol and authentication.
/** AWS spells this one's message key with a capital M. */
export class SerializationException extends AwsError {
  constructor(message?: string) {
    super("SerializationException", message);
  }

  override body(): Record<string, string> {
    return this.awsMessage === undefined ? { __type: this.type } : { __type: this.type, Message: this.awsMessage };
  }
}
export const UnknownOperationException = errorClass("UnknownOperationException");
export const ValidationException = errorClass("ValidationException");
export const MissingAuthenticationTokenException = errorClass("MissingAuthenticationTokenException");
export const IncompleteSignatureException = errorClass("IncompleteSignatureException");
export const InvalidSignatureException = errorClass("InvalidSignatureException");
export const UnrecognizedClientException = errorClass("UnrecognizedClientException");
export const AccessDeniedException = errorClass("AccessDeniedException");
export const RequestEntityTooLargeException = errorClass("RequestEntityTooLargeException", 413);
export const InternalFailure = errorClass("InternalFailure", 500);

// Kinesis Data Streams.
export const ResourceNotFoundException = errorClass("ResourceNotFoundException");
export const ResourceInUseException = errorClass("ResourceInUseException");
export const InvalidArgumentException = errorClass("InvalidArgumentException");
export const LimitExceededException = errorClass("LimitExceededException");
export const ExpiredIteratorException = errorClass("ExpiredIteratorException");
export const ExpiredNextTokenException = errorClass("ExpiredNextTokenException");
export const ProvisionedThroughputExceededException = errorClass("ProvisionedThroughputExceededException");
/** The KMS key a stream is to be encrypted under cannot be found (see streams/encryption.ts). */
export const KMSNotFoundException = errorClass("KMSNotFoundException");

// Firehose.
/** A throttled put (firehose/throughput.ts); a server fault in the model, so it answers 500. */
export const ServiceUnavailableException = errorClass("ServiceUnavailableException", 500);

/**
 * Durable Object RPC does not carry an error's class across the boundary, so objects answer with an
 * Outcome and callers unwrap it: the AwsError thrown inside is thrown again, unchanged, outside.
 */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: { type: string; message: string | undefined; status: number } };

export async function capture<T>(work: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    return { ok: false, error: { type: error.type, message: error.awsMessage, status: error.status } };
  }
}

export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new AwsError(outcome.error.type, outcome.error.message, outcome.error.status);
}
