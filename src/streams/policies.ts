/**
 * Resource-based policies (PutResourcePolicy): checking a document when it is attached, and deciding
 * whether it refuses a request. Pure functions; streams/access.ts applies them to requests.
 *
 * What is evaluated: each statement's Effect, Principal or NotPrincipal ("*", or {"AWS": ...} with
 * "*", an account id, an account's root ARN or an IAM ARN), Action or NotAction (with * and ?
 * wildcards, case-insensitive) and Resource or NotResource (wildcards, case-sensitive; a statement
 * without either applies to the resource it is attached to). The caller is the IAM user named by its
 * access key id, `arn:aws:iam::<account>:user/<access key id>`, and also its account (its root ARN and id).
 *
 * What is not: there are no identity policies, so every caller of the account may do everything, and
 * Allow statements grant nothing more; only explicit Deny statements change an answer. Conditions
 * cannot be evaluated, so a Deny statement with a Condition is refused when the policy is attached
 * (ignoring it could let through what it was meant to stop); conditions on Allow statements are kept
 * and have no effect.
 */
import { InvalidArgumentException, LimitExceededException } from "../aws/errors";
import { KINESIS } from "../limits";

type Principals = "*" | { aws: string[] };

interface Statement {
  effect: "Allow" | "Deny";
  principal?: Principals;
  notPrincipal?: Principals;
  action?: RegExp[];
  notAction?: RegExp[];
  resource?: RegExp[];
  notResource?: RegExp[];
}

export interface AccessRequest {
  /** The IAM action, e.g. `kinesis:PutRecord`. */
  action: string;
  /** The ARN of the stream or consumer acted on. */
  resource: string;
  /** The caller's user ARN and account id. */
  userArn: string;
  account: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const IAM_ARN = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):.+$/;
const ACTION = /^(\*|kinesis:[A-Za-z*?]+)$/i;
const RESOURCE = /^(\*|arn:[^:]*:[^:]*:[^:]*:[^:]*:.+)$/;

function invalid(message: string): never {
  throw new InvalidArgumentException(message);
}

/** A string or a non-empty list of strings, as IAM allows for most elements. */
function strings(value: unknown, field: string): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === "string")) {
    invalid(`Policy has an invalid ${field}.`);
  }
  return list as string[];
}

/** A wildcard pattern (`*` any run of characters, `?` any one) as a regular expression. */
function wildcard(pattern: string, ignoreCase: boolean): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
}

function principals(value: unknown): Principals {
  if (value === "*") return "*";
  if (typeof value !== "object" || value === null || Array.isArray(value)) invalid("Invalid principal in policy.");
  const aws: string[] = [];
  for (const [kind, names] of Object.entries(value)) {
    const list = strings(names, "principal");
    if (kind === "AWS") {
      if (!list.every((name) => name === "*" || ACCOUNT_ID.test(name) || IAM_ARN.test(name))) invalid("Invalid principal in policy.");
      aws.push(...list);
    } else if (kind !== "Service" && kind !== "Federated" && kind !== "CanonicalUser") {
      invalid("Invalid principal in policy.");
    }
    // Service and federated principals are valid, and are never a caller of this deployment.
  }
  return { aws };
}

function statement(value: unknown): Statement {
  if (typeof value !== "object" || value === null || Array.isArray(value)) invalid("Policy has an invalid Statement.");
  const fields = value as Record<string, unknown>;
  const effect = fields.Effect;
  if (effect !== "Allow" && effect !== "Deny") invalid("Policy has an invalid Effect: it must be Allow or Deny.");
  if ((fields.Principal === undefined) === (fields.NotPrincipal === undefined)) invalid("Missing required field Principal.");
  if ((fields.Action === undefined) === (fields.NotAction === undefined)) invalid("Missing required field Action.");
  if (fields.Resource !== undefined && fields.NotResource !== undefined) invalid("Policy has an invalid Resource.");
  if (effect === "Deny" && fields.Condition !== undefined) {
    invalid("Condition blocks in Deny statements are not supported by Rivulet: it cannot evaluate them.");
  }
  const actions = (field: "Action" | "NotAction") => {
    if (fields[field] === undefined) return undefined;
    const list = strings(fields[field], field);
    if (!list.every((action) => ACTION.test(action))) invalid("Policy has invalid action.");
    return list.map((action) => wildcard(action, true));
  };
  const resources = (field: "Resource" | "NotResource") => {
    if (fields[field] === undefined) return undefined;
    const list = strings(fields[field], field);
    if (!list.every((resource) => RESOURCE.test(resource))) invalid("Policy has invalid resource.");
    return list.map((resource) => wildcard(resource, false));
  };
  return {
    effect,
    ...(fields.Principal !== undefined && { principal: principals(fields.Principal) }),
    ...(fields.NotPrincipal !== undefined && { notPrincipal: principals(fields.NotPrincipal) }),
    ...(fields.Action !== undefined && { action: actions("Action") }),
    ...(fields.NotAction !== undefined && { notAction: actions("NotAction") }),
    ...(fields.Resource !== undefined && { resource: resources("Resource") }),
    ...(fields.NotResource !== undefined && { notResource: resources("NotResource") }),
  };
}

/** Checks a policy document as PutResourcePolicy receives it; answers its statements. */
export function parsePolicy(text: string): Statement[] {
  if (new TextEncoder().encode(text).byteLength > KINESIS.maxResourcePolicyBytes) {
    throw new LimitExceededException(`Policy exceeds the maximum size of ${KINESIS.maxResourcePolicyBytes} bytes.`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    invalid("Policy is not valid JSON.");
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) invalid("Policy is not a JSON object.");
  const { Version: version, Statement: statements } = document as Record<string, unknown>;
  if (version !== undefined && version !== "2012-10-17" && version !== "2008-10-17") invalid("Policy has an invalid Version.");
  if (statements === undefined) invalid("Missing required field Statement.");
  const list = Array.isArray(statements) ? statements : [statements];
  if (list.length === 0) invalid("Missing required field Statement.");
  return list.map(statement);
}

function principalMatches(spec: Principals, request: AccessRequest): boolean {
  if (spec === "*") return true;
  return spec.aws.some(
    (name) =>
      name === "*" ||
      name === request.account ||
      name === `arn:aws:iam::${request.account}:root` ||
      name === request.userArn,
  );
}

function applies(statement: Statement, request: AccessRequest): boolean {
  if (statement.principal && !principalMatches(statement.principal, request)) return false;
  if (statement.notPrincipal && principalMatches(statement.notPrincipal, request)) return false;
  if (statement.action && !statement.action.some((action) => action.test(request.action))) return false;
  if (statement.notAction?.some((action) => action.test(request.action))) return false;
  if (statement.resource && !statement.resource.some((resource) => resource.test(request.resource))) return false;
  if (statement.notResource?.some((resource) => resource.test(request.resource))) return false;
  return true;
}

/** Parsed policies by their text: the data plane checks the same few documents on every request. */
const parsed = new Map<string, Statement[]>();
const PARSED_KEPT = 256;

/** Whether the policy has a Deny statement that applies to the request. */
export function explicitlyDenied(policy: string, request: AccessRequest): boolean {
  let statements = parsed.get(policy);
  if (!statements) {
    try {
      statements = parsePolicy(policy);
    } catch {
      // Stored policies were checked when attached; one that no longer parses denies nothing.
      statements = [];
    }
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    parsed.set(policy, statements);
  }
  return statements.some((statement) => statement.effect === "Deny" && applies(statement, request));
}
