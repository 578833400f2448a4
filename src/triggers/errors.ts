/**
 * How Lambda's wire errors travel (their classes are in aws/errors.ts). Lambda speaks REST-JSON, not AWS JSON 1.1: the error's name travels in the
 * `x-amzn-ErrorType` header (which the SDKs' restJson1 parsers read first, then a body `code` or
 * `__type`), the HTTP status is the model's, and the body is `{"Type": "User", "message": ...}`, with
 * the message key spelled as each exception's model spells it (`Message` for ResourceNotFound and
 * ResourceInUse, `message` for the rest; the SDKs accept either).
 *
 * Like everywhere else, errors are thrown as AwsError (so they cross Durable Object RPC as Outcomes)
 * and turned into responses once, by `lambdaErrorResponse`.
 */
import { AwsError, ServiceException } from "../aws/errors";

interface WireForm {
  /** The body's message key, as the exception's model shape spells it. */
  key: "message" | "Message";
  /** Lambda's `Type`: whose fault. Absent for the errors of the request layer (signatures, validation). */
  fault?: "User" | "Service";
  /** Overrides the thrown status (the request layer's errors are thrown with Kinesis's 400). */
  status?: number;
}

const FORMS: Readonly<Record<string, WireForm>> = {
  InvalidParameterValueException: { key: "message", fault: "User" },
  InvalidRequestContentException: { key: "message", fault: "User" },
  ResourceNotFoundException: { key: "Message", fault: "User" },
  ResourceConflictException: { key: "message", fault: "User" },
  ResourceInUseException: { key: "Message", fault: "User" },
  ServiceException: { key: "Message", fault: "Service" },
  ValidationException: { key: "message" },
  // REST services answer authentication failures with 403.
  MissingAuthenticationTokenException: { key: "message", status: 403 },
  IncompleteSignatureException: { key: "message", status: 403 },
  InvalidSignatureException: { key: "message", status: 403 },
  UnrecognizedClientException: { key: "message", status: 403 },
  AccessDeniedException: { key: "message", status: 403 },
};

/** The response for a failed Lambda operation. Anything that is not an AwsError is a bug: a ServiceException. */
export function lambdaErrorResponse(error: unknown, requestId: string): Response {
  if (!(error instanceof AwsError)) {
    console.error(`lambda request ${requestId} failed`, error);
    return lambdaErrorResponse(new ServiceException("An internal error occurred."), requestId);
  }
  const form = FORMS[error.type] ?? { key: "message" };
  const body: Record<string, string> = {};
  if (form.fault) body.Type = form.fault;
  body[form.key] = error.awsMessage ?? error.type;
  return new Response(JSON.stringify(body), {
    status: form.status ?? error.status,
    headers: {
      "content-type": "application/json",
      "x-amzn-RequestId": requestId,
      "x-amzn-ErrorType": error.type,
    },
  });
}
