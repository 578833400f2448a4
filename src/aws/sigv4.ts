/**
 * AWS Signature Version 4 verification for incoming requests (header and presigned query forms).
 *
 * Runs inside a Worker: WebCrypto (`crypto.subtle`) only, no Node APIs. Every failure is thrown as
 * one of the AWS errors from ./errors with the message AWS's JSON services send, checked in the
 * order AWS checks them:
 *
 *   1. both / neither of `Authorization` and `X-Amz-Algorithm`   (InvalidSignature / MissingAuthenticationToken)
 *   2. malformed or incomplete parameters                         (IncompleteSignature)
 *   3. request date format, then the 15-minute window / X-Amz-Expires (IncompleteSignature / InvalidSignature)
 *   4. `host`, then `x-amz-target` and `content-type` when sent, among the signed headers (InvalidSignature)
 *   5. algorithm                                                   (IncompleteSignature)
 *   6. credential shape, then its scope                            (IncompleteSignature / InvalidSignature)
 *   7. access key id                                               (UnrecognizedClient)
 *   8. signature value                                             (InvalidSignature)
 *   9. session token                                               (UnrecognizedClient)
 */
import {
  AwsError,
  IncompleteSignatureException,
  InvalidSignatureException,
  MissingAuthenticationTokenException,
  UnrecognizedClientException,
} from "./errors";

export interface SignedRequest {
  method: string;
  url: string;
  headers: Headers;
  /**
   * The whole body. S3 requests may leave it out: their bodies stream, and the S3 API checks them
   * against the declared x-amz-content-sha256 (and chunk signatures) as they arrive (src/s3/payload.ts).
   */
  body?: Uint8Array;
}

/** Whether the request carries authentication at all (an Authorization header or a presigned query). */
export function carriesSignature(request: Request): boolean {
  const authorization = request.headers.get("authorization");
  return (authorization !== null && authorization !== "") || new URL(request.url).searchParams.has("X-Amz-Algorithm");
}

export type KeyPolicy =
  | { mode: "keys"; keys: ReadonlyMap<string, string> } // verify against these secrets
  | { mode: "any-signature" } // local development with no keys: any well-formed, in-time SigV4 request is accepted without checking the signature value
  | { mode: "refuse-all" }; // deployed with no keys: every request refused with UnrecognizedClientException

export interface Caller {
  accessKeyId: string;
  region: string;
  service: string;
}

/**
 * The signature value is wrong. S3 answers this with the canonical request and string to sign it
 * computed (SignatureDoesNotMatch), so they travel with the error.
 */
export class SignatureMismatchException extends InvalidSignatureException {
  constructor(
    message: string,
    readonly accessKeyId: string,
    readonly signatureProvided: string,
    readonly canonicalRequest: string,
    readonly stringToSign: string,
  ) {
    super(message);
  }
}

/** The request date is too old or too far ahead; S3 names these apart from other signature errors. */
export class RequestTimeException extends InvalidSignatureException {
  constructor(
    message: string,
    readonly expired: boolean,
  ) {
    super(message);
  }
}

/** A session token came with the request: S3 answers InvalidToken where the JSON services say UnrecognizedClient. */
export class SessionTokenException extends UnrecognizedClientException {}

/**
 * What to do about a Worker with no access keys, added to AWS's message when it refuses a caller:
 * the usual cause is plain `wrangler dev` reached by a name other than localhost, or a fresh deployment.
 */
export const NO_ACCESS_KEYS_HINT =
  "Rivulet has no access keys configured (RIVULET_ACCESS_KEYS) and is not in local mode. " +
  "Deployed: wrangler secret put RIVULET_ACCESS_KEYS. Local development: RIVULET_LOCAL=1 (for wrangler dev, in .dev.vars).";

/** The Worker has no keys at all (refuse-all): AWS's type and message, and the hint. */
export class NoAccessKeysException extends UnrecognizedClientException {
  constructor() {
    super(`The security token included in the request is invalid. ${NO_ACCESS_KEYS_HINT}`);
  }
}

/**
 * What a verified request's chunks are signed with, for S3's aws-chunked uploads
 * (STREAMING-AWS4-HMAC-SHA256-PAYLOAD): each chunk's signature chains from the previous one, starting
 * at the request's own signature, under the same key, date and scope.
 */
export interface ChunkSigning {
  key: CryptoKey;
  /** The request date in ISO-8601 basic format. */
  requestStamp: string;
  /** `date/region/service/aws4_request`. */
  credentialScope: string;
  seedSignature: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const TERMINATOR = "aws4_request";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** How far the request date may be from now, either way. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest lifetime a presigned request may ask for: one week. */
const MAX_EXPIRES_SECONDS = 604800;

/**
 * Parses "KEYID:SECRET[,KEYID:SECRET...]". Whitespace around entries, ids and secrets is trimmed;
 * the secret is everything after the first ':' (so it may contain ':'); empty entries are skipped;
 * a later entry for the same id replaces an earlier one. An entry that is not KEYID:SECRET is a
 * configuration error and throws (without echoing the secret), so a typo fails loudly instead of
 * silently locking everyone out or letting everyone in.
 */
export function parseAccessKeys(value: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  if (value === undefined) return keys;
  const entries = value.split(",");
  for (let i = 0; i < entries.length; i++) {
    const entry = (entries[i] ?? "").trim();
    if (entry === "") continue;
    const colon = entry.indexOf(":");
    const id = colon < 0 ? "" : entry.slice(0, colon).trim();
    const secret = colon < 0 ? "" : entry.slice(colon + 1).trim();
    if (id === "" || secret === "") {
      throw new Error(`Access keys: entry ${i + 1} is not of the form KEYID:SECRET`);
    }
    keys.set(id, secret);
  }
  return keys;
}

/** Keys configured: verify against them. None: accept any signature locally, refuse everything when deployed. */
/** The keys of the last RIVULET_ACCESS_KEYS read: the variable is the same for every request of a deployment. */
let parsedKeys: { from: string | undefined; keys: Map<string, string> } | undefined;

export function keyPolicy(accessKeys: string | undefined, local: boolean): KeyPolicy {
  if (parsedKeys === undefined || parsedKeys.from !== accessKeys) parsedKeys = { from: accessKeys, keys: parseAccessKeys(accessKeys) };
  const keys = parsedKeys.keys;
  if (keys.size > 0) return { mode: "keys", keys };
  return local ? { mode: "any-signature" } : { mode: "refuse-all" };
}

/**
 * Verifies the request's SigV4 signature and returns who signed it. Throws an AWS error otherwise.
 *
 * `expectedService`, when given, must equal the credential scope's service (e.g. "kinesis"); its
 * mismatch is reported together with the other scope errors, as AWS does. Without it any service
 * name is accepted and returned in `Caller.service` for the caller to check.
 */
export async function verifySigV4(
  req: SignedRequest,
  policy: KeyPolicy,
  nowMs: number,
  expectedService?: string,
): Promise<Caller> {
  return (await verifySigV4Signing(req, policy, nowMs, expectedService)).caller;
}

/**
 * verifySigV4, also answering what the request's chunks must be signed with. `signing` is undefined
 * when the signature was not checked (local development without keys), and so cannot be chained.
 */
export async function verifySigV4Signing(
  req: SignedRequest,
  policy: KeyPolicy,
  nowMs: number,
  expectedService?: string,
): Promise<{ caller: Caller; signing: ChunkSigning | undefined }> {
  const url = new URL(req.url);
  const query = parseQuery(url.search);
  const auth = parseAuthorization(req.headers, query, nowMs, mustSign(req.headers, expectedService));
  const scope = credentialScope(auth, expectedService);
  const caller: Caller = { accessKeyId: scope.accessKeyId, region: scope.region, service: scope.service };
  // Local development without keys: a well-formed, in-time request passes unverified.
  if (policy.mode === "any-signature") return { caller, signing: undefined };
  const signing = await verifySignature(req, url, query, auth, scope, policy);
  return { caller, signing };
}

/**
 * Headers that must be signed whenever a request carries them, as AWS's JSON services require: the
 * operation (`X-Amz-Target`) and the body's format. Unsigned, a captured request could be replayed
 * as another operation (a DescribeStreamSummary as a DeleteStream) within its 15 minutes. AWS's
 * SDKs and botocore sign both. S3 has rules of its own and is not held to these, and neither are
 * REST services' requests (no `X-Amz-Target`: the path names the operation), whose content-type
 * AWS's own producers leave unsigned (the Kinesis Video producer SDK's PutMedia).
 */
const MUST_SIGN_WHEN_SENT = [
  { name: "x-amz-target", shown: "X-Amz-Target" },
  { name: "content-type", shown: "Content-Type" },
] as const;

function mustSign(headers: Headers, expectedService: string | undefined): readonly { name: string; shown: string }[] {
  if (expectedService === "s3" || !headers.has("x-amz-target")) return [];
  return MUST_SIGN_WHEN_SENT;
}

/**
 * Steps 1 to 5: the request's authorization parameters, from its Authorization header or its
 * presigned query, refused when they are malformed, out of date, leave `host` (or one of
 * `mustSign` that the request carries) unsigned or name another algorithm.
 */
function parseAuthorization(
  headers: Headers,
  query: QueryParam[],
  nowMs: number,
  mustSign: readonly { name: string; shown: string }[],
): Authorization {
  const authHeader = headers.get("authorization");
  const hasHeader = authHeader !== null && authHeader !== "";
  const hasQuery = query.some((p) => p.key === "X-Amz-Algorithm");

  if (hasHeader && hasQuery) {
    throw new InvalidSignatureException(
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if (!hasHeader && !hasQuery) {
    throw new MissingAuthenticationTokenException("Missing Authentication Token");
  }

  const auth = hasHeader ? fromHeader(authHeader, headers) : fromQuery(query);

  // The request date: its format, then whether it is close enough to now.
  const requestMs = parseRequestDate(auth.date, auth.dateIsHttpHeader);
  if (requestMs === undefined) {
    throw new IncompleteSignatureException(
      `Date must be in ISO-8601 'basic format'. Got '${auth.date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const now = Math.floor(nowMs / 1000) * 1000;
  checkTime(requestMs, now, auth.expiresSeconds);

  // Over HTTP/2 the SDKs sign the `:authority` pseudo-header in place of `host`.
  if (!auth.signedHeaders.includes("host") && !auth.signedHeaders.includes(":authority")) {
    throw new InvalidSignatureException("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  // Worded as AWS words the Host requirement above.
  for (const { name, shown } of mustSign) {
    if (headers.has(name) && !auth.signedHeaders.includes(name)) {
      throw new InvalidSignatureException(`'${shown}' must be a 'SignedHeader' in the AWS Authorization.`);
    }
  }

  if (auth.algorithm !== ALGORITHM) {
    throw new IncompleteSignatureException(
      `Unsupported AWS 'algorithm': '${auth.algorithm}' (only ${ALGORITHM} for now). `,
    );
  }
  return { ...auth, requestMs };
}

/** Who signed, for which day, region and service: the credential `keyid/date/region/service/aws4_request`. */
interface CredentialScope {
  accessKeyId: string;
  /** YYYYMMDD. */
  date: string;
  region: string;
  service: string;
  /** The request date in ISO-8601 basic format, as the string to sign holds it. */
  requestStamp: string;
}

/** Step 6: the credential's shape, then every scope error at once, as AWS reports them. */
function credentialScope(auth: Authorization, expectedService: string | undefined): CredentialScope {
  // Trailing slashes are ignored.
  const parts = auth.credential.replace(/\/+$/, "").split("/");
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  if (
    parts.length !== 5 ||
    accessKeyId === undefined ||
    scopeDate === undefined ||
    region === undefined ||
    service === undefined ||
    terminator === undefined
  ) {
    throw new IncompleteSignatureException(
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term," +
        ` got '${auth.credential}'`,
    );
  }
  const requestStamp = isoBasic(auth.requestMs);
  const scopeErrors: string[] = [];
  if (!VALID_REGION.test(region)) {
    scopeErrors.push(`Credential should be scoped to a valid region, not '${region}'.`);
  }
  if (expectedService !== undefined ? service !== expectedService : !VALID_SERVICE.test(service)) {
    scopeErrors.push(`Credential should be scoped to correct service: '${expectedService ?? service}'.`);
  }
  if (terminator !== TERMINATOR) {
    scopeErrors.push(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`);
  }
  if (scopeDate !== requestStamp.slice(0, 8)) {
    scopeErrors.push(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        `'${scopeDate}' != '${requestStamp.slice(0, 8)}', from '${requestStamp}'.`,
    );
  }
  if (scopeErrors.length > 0) throw new InvalidSignatureException(scopeErrors.join(" "));
  return { accessKeyId, date: scopeDate, region, service, requestStamp };
}

/** Steps 7 to 9: the access key, the signature value, then the session token. */
async function verifySignature(
  req: SignedRequest,
  url: URL,
  query: QueryParam[],
  auth: AuthParams,
  scope: CredentialScope,
  policy: Exclude<KeyPolicy, { mode: "any-signature" }>,
): Promise<ChunkSigning> {
  if (policy.mode === "refuse-all") throw new NoAccessKeysException();
  const secret = policy.keys.get(scope.accessKeyId);
  if (secret === undefined) {
    throw new UnrecognizedClientException("The security token included in the request is invalid.");
  }

  const hashes = await payloadHashes(req, auth.presigned, scope.service);
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/${TERMINATOR}`;
  const signingKey = await getSigningKey(secret, scope.date, scope.region, scope.service);
  let firstCanonical = "";
  let firstStringToSign = "";
  let matched = false;
  for (const payloadHash of hashes) {
    const canonical = canonicalRequest(req, url, query, auth, payloadHash, scope.service === "s3");
    const stringToSign = `${ALGORITHM}\n${scope.requestStamp}\n${credentialScope}\n${hex(await sha256(canonical))}`;
    const expected = hex(await crypto.subtle.sign("HMAC", signingKey, utf8(stringToSign)));
    if (constantTimeEqual(expected, auth.signature)) {
      matched = true;
      break;
    }
    if (firstCanonical === "") {
      firstCanonical = canonical;
      firstStringToSign = stringToSign;
    }
  }
  if (!matched) {
    throw new SignatureMismatchException(
      "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details." +
        `\n\nThe Canonical String for this request should have been\n'${firstCanonical}'\n\n` +
        `The String-to-Sign should have been\n'${firstStringToSign}'\n`,
      scope.accessKeyId,
      auth.signature,
      firstCanonical,
      firstStringToSign,
    );
  }

  // Rivulet's keys are long-term keys; a session token can only belong to credentials it never issued.
  if (auth.securityToken !== undefined) {
    throw new SessionTokenException("The security token included in the request is invalid");
  }
  return { key: signingKey, requestStamp: scope.requestStamp, credentialScope, seedSignature: auth.signature };
}

/**
 * The payload hashes the client may have signed, to try in order. A presigned request without
 * x-amz-content-sha256 may have signed either the body's hash (the SDKs) or UNSIGNED-PAYLOAD
 * (S3-style presigners); both are tried.
 */
async function payloadHashes(req: SignedRequest, presigned: boolean, service: string): Promise<string[]> {
  const declaredHash = req.headers.get("x-amz-content-sha256");
  const bodyHash = req.body === undefined ? undefined : hex(await crypto.subtle.digest("SHA-256", req.body));
  if (service === "s3") return [s3PayloadHash(presigned, declaredHash, bodyHash)];
  if (bodyHash === undefined) throw new Error("Only S3 requests are verified without their body");
  // Always the body's real hash: a declared x-amz-content-sha256 that differs from it (including
  // UNSIGNED-PAYLOAD) cannot vouch for this body, so it must not verify.
  if (!presigned) return [bodyHash];
  if (declaredHash === UNSIGNED_PAYLOAD) return [UNSIGNED_PAYLOAD];
  if (declaredHash !== null) return [bodyHash];
  return [bodyHash, UNSIGNED_PAYLOAD];
}

// ---------------------------------------------------------------------------------------------
// Authorization parameters

/** Authorization parameters found well-formed and in time, with their date read. */
interface Authorization extends AuthParams {
  /** `date`, in milliseconds since the epoch. */
  requestMs: number;
}

interface AuthParams {
  presigned: boolean;
  algorithm: string;
  credential: string;
  signature: string;
  /** Lower-cased, in the order the client listed them. */
  signedHeaders: string[];
  date: string;
  /** The date came from the HTTP `Date` header (which may also use the RFC 7231 format). */
  dateIsHttpHeader: boolean;
  /** Presigned only: X-Amz-Expires. */
  expiresSeconds: number | undefined;
  securityToken: string | undefined;
}

function fromHeader(header: string, headers: Headers): AuthParams {
  // "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...": AWS accepts commas and/or
  // whitespace between the parameters.
  const tokens = header.split(/[\s,]+/).filter((t) => t !== "");
  const algorithm = tokens[0] ?? "";
  const params = new Map<string, string>();
  for (const token of tokens.slice(1)) {
    const eq = token.indexOf("=");
    if (eq < 0) {
      throw new IncompleteSignatureException(
        `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
      );
    }
    params.set(token.slice(0, eq), token.slice(eq + 1));
  }

  const xAmzDate = headers.get("x-amz-date");
  const httpDate = headers.get("date");
  const date = nonEmpty(xAmzDate) ?? nonEmpty(httpDate);
  let missing = "";
  for (const name of ["Credential", "Signature", "SignedHeaders"]) {
    if (!nonEmpty(params.get(name))) missing += `Authorization header requires '${name}' parameter. `;
  }
  if (date === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (missing !== "") throw new IncompleteSignatureException(`${missing}Authorization=${header}`);

  const token = headers.get("x-amz-security-token");
  return {
    presigned: false,
    algorithm,
    credential: params.get("Credential") ?? "",
    signature: params.get("Signature") ?? "",
    signedHeaders: splitSignedHeaders(params.get("SignedHeaders") ?? ""),
    date: date ?? "",
    dateIsHttpHeader: nonEmpty(xAmzDate) === undefined,
    expiresSeconds: undefined,
    securityToken: token === null ? undefined : token,
  };
}

const QUERY_AUTH_PARAMS = [
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Signature",
  "X-Amz-SignedHeaders",
  "X-Amz-Date",
] as const;

function fromQuery(query: QueryParam[]): AuthParams {
  const get = (key: string): string | undefined => query.find((p) => p.key === key)?.value;
  let missing = "";
  for (const name of QUERY_AUTH_PARAMS) {
    if (!nonEmpty(get(name))) missing += `AWS query-string parameters must include '${name}'. `;
  }
  if (missing !== "") throw new IncompleteSignatureException(`${missing}Re-examine the query-string parameters.`);

  // Not an AWS-observed message (AWS's JSON services document none for this); worded like S3's.
  const expiresText = get("X-Amz-Expires");
  let expiresSeconds: number | undefined;
  if (expiresText !== undefined) {
    if (!/^-?\d+$/.test(expiresText)) {
      throw new IncompleteSignatureException("X-Amz-Expires should be a number");
    }
    expiresSeconds = Number(expiresText);
    if (expiresSeconds < 0) throw new IncompleteSignatureException("X-Amz-Expires must be non-negative");
    if (expiresSeconds > MAX_EXPIRES_SECONDS) {
      throw new IncompleteSignatureException(
        "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds",
      );
    }
  }

  return {
    presigned: true,
    algorithm: get("X-Amz-Algorithm") ?? "",
    credential: get("X-Amz-Credential") ?? "",
    signature: get("X-Amz-Signature") ?? "",
    signedHeaders: splitSignedHeaders(get("X-Amz-SignedHeaders") ?? ""),
    date: get("X-Amz-Date") ?? "",
    dateIsHttpHeader: false,
    expiresSeconds,
    securityToken: get("X-Amz-Security-Token"),
  };
}

function splitSignedHeaders(value: string): string[] {
  return value
    .split(";")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : value;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** AWS region names: "us-east-1", "us-gov-west-1", "ap-southeast-2", "eu-isoe-west-1", ... */
const VALID_REGION = /^[a-z]{2,}(?:-[a-z0-9]+)*-\d+$/;
const VALID_SERVICE = /^[a-z0-9][a-z0-9-]*$/;

const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Milliseconds since the epoch, or undefined when the date is malformed. */
function parseRequestDate(value: string, allowHttpDate: boolean): number | undefined {
  const m = ISO_BASIC.exec(value);
  if (m !== null) {
    const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
    if (
      year === undefined ||
      month === undefined ||
      day === undefined ||
      hour === undefined ||
      minute === undefined ||
      second === undefined
    ) {
      return undefined;
    }
    const ms = Date.UTC(year, month - 1, day, hour, minute, second);
    // Reject dates that Date.UTC silently rolls over (month 13, Feb 30, hour 24, ...).
    return isoBasic(ms) === value ? ms : undefined;
  }
  if (allowHttpDate && HTTP_DATE.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** 20150830T123600Z */
/** The last isoBasic answered: every request reads its date twice, and requests of one second share it. */
let lastIsoBasic = { ms: Number.NaN, text: "" };

function isoBasic(ms: number): string {
  if (ms !== lastIsoBasic.ms) {
    lastIsoBasic = { ms, text: new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "") };
  }
  return lastIsoBasic.text;
}

function describeDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} sec`;
}

function checkTime(requestMs: number, now: number, expiresSeconds: number | undefined): void {
  const latest = now + MAX_SKEW_MS;
  if (requestMs > latest) {
    throw new RequestTimeException(
      `Signature not yet current: ${isoBasic(requestMs)} is still later than ${isoBasic(latest)} ` +
        `(${isoBasic(now)} + ${describeDuration(MAX_SKEW_MS)}.)`,
      false,
    );
  }
  // A presigned request lives for X-Amz-Expires from its date; any other for 15 minutes.
  const lifetime = expiresSeconds === undefined ? MAX_SKEW_MS : expiresSeconds * 1000;
  const earliest = now - lifetime;
  if (requestMs < earliest) {
    throw new RequestTimeException(
      `Signature expired: ${isoBasic(requestMs)} is now earlier than ${isoBasic(earliest)} ` +
        `(${isoBasic(now)} - ${describeDuration(lifetime)}.)`,
      true,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Canonical request

interface QueryParam {
  /** Percent-decoded. */
  key: string;
  value: string;
}

/**
 * Splits the raw query string. Keys and values are form-decoded ('+' is a space, as URLSearchParams
 * and aws4fetch read it; the AWS SDKs always send %20 and %2B) and re-encoded for the canonical query.
 */
function parseQuery(search: string): QueryParam[] {
  const raw = search.startsWith("?") ? search.slice(1) : search;
  const params: QueryParam[] = [];
  if (raw === "") return params;
  for (const piece of raw.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    params.push({
      key: percentDecode(eq < 0 ? piece : piece.slice(0, eq)),
      value: eq < 0 ? "" : percentDecode(piece.slice(eq + 1)),
    });
  }
  return params;
}

function percentDecode(s: string): string {
  const spaced = s.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded (upper-case hex). */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The path as the client sent it, with empty and dot segments removed, then URI-encoded once more
 * (every AWS service but S3 signs the already-encoded path encoded again).
 */
function canonicalPath(pathname: string): string {
  const segments: string[] = [];
  for (const segment of pathname.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && pathname.endsWith("/") ? "/" : "";
  return `/${segments.map(uriEncode).join("/")}${trailing}`;
}

/**
 * S3's canonical URI: the path encoded once, exactly as the object key is spelled: no second
 * encoding, and empty segments kept (they are part of keys; dot segments are already resolved by
 * the URL parser before the Worker sees the request, so keys with `.`/`..` segments cannot be read). Segments are decoded and
 * re-encoded so that clients that escape more or fewer characters than RFC 3986 still match.
 */
function s3CanonicalPath(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => {
      try {
        return uriEncode(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join("/");
}

/**
 * S3 signs the value of x-amz-content-sha256 as the payload hash; a header-signed request must send
 * it, and a hash it declares must be the body's (checked here when the body was given, else by the
 * S3 API as the body streams in). Presigned URLs sign UNSIGNED-PAYLOAD unless the header says otherwise.
 */
function s3PayloadHash(presigned: boolean, declared: string | null, bodyHash: string | undefined): string {
  if (declared === null) {
    if (presigned) return UNSIGNED_PAYLOAD;
    throw new AwsError("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400);
  }
  // Chunked uploads sign the literal marker; their chunks are checked by the S3 API as they arrive.
  if (declared === UNSIGNED_PAYLOAD || declared.startsWith("STREAMING-")) return declared;
  if (!/^[0-9a-f]{64}$/.test(declared)) {
    throw new AwsError("InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.", 400);
  }
  if (bodyHash !== undefined && declared !== bodyHash) {
    throw new AwsError("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  }
  return declared;
}

function canonicalQuery(query: QueryParam[], presigned: boolean): string {
  const pairs: [string, string][] = [];
  for (const { key, value } of query) {
    if (presigned && key === "X-Amz-Signature") continue;
    pairs.push([uriEncode(key), uriEncode(value)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function canonicalRequest(
  req: SignedRequest,
  url: URL,
  query: QueryParam[],
  auth: AuthParams,
  payloadHash: string,
  s3: boolean,
): string {
  let headers = "";
  for (const name of auth.signedHeaders) {
    // A front that turns HTTP/2 into HTTP/1.1 carries `:authority` on as `host`.
    const value =
      name === "host" || name === ":authority" ? (req.headers.get("host") ?? url.host) : (req.headers.get(name) ?? "");
    headers += `${name}:${value.trim().replace(/\s+/g, " ")}\n`;
  }
  return [
    req.method.toUpperCase(),
    s3 ? s3CanonicalPath(url.pathname) : canonicalPath(url.pathname),
    canonicalQuery(query, auth.presigned),
    headers,
    auth.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Crypto

const encoder = new TextEncoder();

function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

async function sha256(s: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", utf8(s));
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", k, utf8(data));
}

function hex(buffer: ArrayBuffer): string {
  return new Uint8Array(buffer).toHex();
}

/** Derived signing keys change once a day per key, region and service: keep the recent ones. */
const signingKeys = new Map<string, CryptoKey>();
const MAX_CACHED_SIGNING_KEYS = 64;

async function getSigningKey(secret: string, date: string, region: string, service: string): Promise<CryptoKey> {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  const cached = signingKeys.get(cacheKey);
  if (cached !== undefined) return cached;
  const kDate = await hmac(utf8(`AWS4${secret}`), date);
  const kRegion = await hmac(kDate, region);
  const kService = await hmac(kRegion, service);
  const kSigning = await hmac(kService, TERMINATOR);
  const key = await crypto.subtle.importKey("raw", kSigning, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  if (signingKeys.size >= MAX_CACHED_SIGNING_KEYS) {
    const oldest = signingKeys.keys().next();
    if (oldest.done !== true) signingKeys.delete(oldest.value);
  }
  signingKeys.set(cacheKey, key);
  return key;
}

/** Compares the expected signature with the provided one without stopping at the first difference. */
function constantTimeEqual(expected: string, provided: string): boolean {
  let diff = expected.length ^ provided.length;
  for (let i = 0; i < expected.length; i++) {
    diff |= expected.charCodeAt(i) ^ (i < provided.length ? provided.charCodeAt(i) : 0);
  }
  return diff === 0;
}
