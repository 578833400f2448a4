/**
 * What every built-in function shares: its signature (it gets the call, its compiled arguments and the
 * clock, and returns the compiled call) and the argument checks that produce AWS's (Calcite's) messages.
 */
import type { Call } from "../ast";
import { cannotApply, invalidArgumentCount, type Compiled, type EvalContext } from "../compiled";
import { isNullType, type SqlType } from "../types";

export type Builtin = (call: Call, args: readonly Compiled[], ctx: EvalContext) => Compiled;

export type TypeTest = (t: SqlType) => boolean;

/**
 * Checks the number of arguments and each one's type (NULL fits anything); `supported` is the list of
 * forms the message offers, e.g. "'ABS(<NUMERIC>)'".
 */
export function checkArgs(call: Call, args: readonly Compiled[], tests: readonly TypeTest[], supported: string, optional = 0): void {
  if (args.length > tests.length || args.length < tests.length - optional) {
    throw invalidArgumentCount(call, optional === 0 ? String(tests.length) : `${tests.length - optional} to ${tests.length}`);
  }
  args.forEach((a, i) => {
    const test = tests[i];
    if (test !== undefined && !isNullType(a.type) && !test(a.type)) throw cannotApply(call, args, supported);
  });
}

export function callKey(call: Call, args: readonly Compiled[], extra = ""): string {
  return `${call.name.name}(${args.map((a) => a.key).join(",")}${extra})`;
}

/** The argument at i, which checkArgs has proven present. */
export function arg(args: readonly Compiled[], i: number): Compiled {
  const a = args[i];
  if (a === undefined) throw new Error(`Argument ${i} missing after checkArgs`);
  return a;
}
