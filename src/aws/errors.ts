/**
 * Every wire error, of every service and of the console's API. Each failure a client can see is
 * thrown as one of these and turned into a response in exactly one place per protocol: AWS JSON
 * (protocol.ts) answers `{"__type": type, "message": message}` with `status`; Lambda's REST-JSON
 * (triggers/errors.ts), Video Streams' REST-JSON (rest-json.ts) and the console's API
 * (console/auth.ts) write the same error their way.
 * Anything else that escapes an operation is a bug and answers as AWS's InternalFailure.
 *
 * Where two services name an error alike but answer it with different statuses, each has its own
 * class, named for the service that differs (LambdaResourceNotFoundException is 404 where Kinesis's
 * and Firehose's ResourceNotFoundException is 400).
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

  body(): Record<string, unknown> {
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

  override body(): Record<string, unknown> {
    return this.awsMessage === undefined ? { __type: this.type } : { __type: this.type, Message: this.awsMessage };
  }
}
export const UnknownOperationException = errorClass("UnknownOperationException", 400);
export const ValidationException = errorClass("ValidationException");
export const MissingAuthenticationTokenException = errorClass("MissingAuthenticationTokenException");
export const IncompleteSignatureException = errorClass("IncompleteSignatureException");
export const InvalidSignatureException = errorClass("InvalidSignatureException");
export const UnrecognizedClientException = errorClass("UnrecognizedClientException");
export const AccessDeniedException = errorClass("AccessDeniedException");
export const RequestEntityTooLargeException = errorClass("RequestEntityTooLargeException", 413);
export const InternalFailure = errorClass("InternalFailure", 500);

// Kinesis Data Streams (and Firehose, whose model answers these alike).
export const ResourceNotFoundException = errorClass("ResourceNotFoundException", 400);
/** 400 in Kinesis's, Firehose's and Lambda's models alike. */
export const ResourceInUseException = errorClass("ResourceInUseException", 400);
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
/** An update that names a VersionId other than the delivery stream's current one. */
export const ConcurrentModificationException = errorClass("ConcurrentModificationException", 400);

// Kinesis Data Analytics (v1 and v2; 400 in both models). ResourceNotFoundException,
// ResourceInUseException, InvalidArgumentException, LimitExceededException,
// ConcurrentModificationException and ServiceUnavailableException are the classes above.
/** Application code the service refuses (a SQL error, with its line and column). */
export const CodeValidationException = errorClass("CodeValidationException");
/** An application whose configuration cannot run (StartApplication). */
export const InvalidApplicationConfigurationException = errorClass("InvalidApplicationConfigurationException");
export const TooManyTagsException = errorClass("TooManyTagsException");
/** A parameter or resource the operation does not take (Flink-only features on SQL applications, v1 on v2's applications). */
export const UnsupportedOperationException = errorClass("UnsupportedOperationException");

/** DiscoverInputSchema found no schema: AWS answers the records it sampled along with the error. */
export class UnableToDetectSchemaException extends AwsError {
  constructor(
    message: string,
    readonly rawInputRecords: readonly string[],
    readonly processedInputRecords?: readonly string[],
  ) {
    super("UnableToDetectSchemaException", message);
  }

  override body(): Record<string, unknown> {
    return {
      ...super.body(),
      RawInputRecords: this.rawInputRecords,
      ...(this.processedInputRecords && { ProcessedInputRecords: this.processedInputRecords }),
    };
  }
}

/**
 * An error answered with its message under another key: Analytics v2's model spells most error
 * messages `Message` where v1 (and Kinesis, Firehose) spell it `message`.
 */
export class RenamedMessageError extends AwsError {
  constructor(
    private readonly original: AwsError,
    private readonly key: string,
  ) {
    super(original.type, original.awsMessage, original.status);
  }

  override body(): Record<string, unknown> {
    const { __type, message, ...rest } = this.original.body();
    return message === undefined ? { __type, ...rest } : { __type, [this.key]: message, ...rest };
  }
}

// Lambda's event source mapping API: REST-JSON, where each error answers its model's status (the
// body's form is triggers/errors.ts's).
export const LambdaResourceNotFoundException = errorClass("ResourceNotFoundException", 404);
export const InvalidParameterValueException = errorClass("InvalidParameterValueException", 400);
export const InvalidRequestContentException = errorClass("InvalidRequestContentException", 400);
export const ResourceConflictException = errorClass("ResourceConflictException", 409);
export const ServiceException = errorClass("ServiceException", 500);
/** Not in Lambda's model: Rivulet implements only the event source mapping operations. */
export const LambdaUnknownOperationException = errorClass("UnknownOperationException", 404);

// Kinesis Video Streams (REST-JSON, aws/rest-json.ts): each error answers its model's status; the
// control plane shares InvalidArgumentException and ResourceInUseException (400) with Kinesis.
export const VideoResourceNotFoundException = errorClass("ResourceNotFoundException", 404);
export const AccountStreamLimitExceededException = errorClass("AccountStreamLimitExceededException", 400);
export const AccountChannelLimitExceededException = errorClass("AccountChannelLimitExceededException", 400);
export const TagsPerResourceExceededLimitException = errorClass("TagsPerResourceExceededLimitException", 400);
export const VersionMismatchException = errorClass("VersionMismatchException", 400);
export const NotAuthorizedException = errorClass("NotAuthorizedException", 401);
export const NoDataRetentionException = errorClass("NoDataRetentionException", 400);
export const StreamEdgeConfigurationNotFoundException = errorClass("StreamEdgeConfigurationNotFoundException", 404);
// Video's media and archived media APIs (their models' statuses).
export const UnsupportedStreamMediaTypeException = errorClass("UnsupportedStreamMediaTypeException", 400);
export const MissingCodecPrivateDataException = errorClass("MissingCodecPrivateDataException", 400);
export const InvalidCodecPrivateDataException = errorClass("InvalidCodecPrivateDataException", 400);
export const InvalidMediaFrameException = errorClass("InvalidMediaFrameException", 400);
/** Not in the Video models: a path and method that name no operation (REST services answer 404). */
export const RestUnknownOperationException = errorClass("UnknownOperationException", 404);

// The web console's API (not AWS's): errors of its own, answered like AWS's.
/** The console API takes JSON bodies only: a cross-site form cannot send one without CORS. */
export class UnsupportedContentType extends AwsError {
  constructor() {
    super("UnsupportedMediaTypeException", "The console API takes application/json bodies.", 415);
  }
}

/** SubscribeToShard answers an HTTP/2 event stream, which the console does not relay. */
export class NotServedByConsole extends AwsError {
  constructor(operation: string) {
    super("InvalidArgumentException", `The console does not serve ${operation}; read records with GetRecords.`, 400);
  }
}

/** Not signed in, or no longer: pages redirect to the sign-in page, the API answers 401. */
export class SignInRequired extends AwsError {
  constructor(message = "Sign in to the console first.") {
    super("SignInRequired", message, 401);
  }
}

/** A request from another site: refused before anything else is looked at. */
export class CrossOriginRequest extends AwsError {
  constructor() {
    super("AccessDeniedException", "The console accepts changes only from its own pages.", 403);
  }
}

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
