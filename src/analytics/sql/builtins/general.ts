/**
 * Functions on any type: COALESCE (the first non-NULL argument), NULLIF (NULL when both are equal) and
 * MONOTONIC (declares an expression monotonic; it returns its argument unchanged).
 */
import { castTo, fold, type Compiled } from "../compiled";
import { SqlValidationError } from "../errors";
import { commonType, SqlTypes, type SqlType } from "../types";
import { valuesEqual, type SqlValue } from "../values";
import { arg, callKey, checkArgs, type Builtin } from "./shared";

const coalesce: Builtin = (call, args) => {
  if (args.length === 0) throw new SqlValidationError("Invalid number of arguments to function 'COALESCE'. Was expecting 1 or more arguments", call.span);
  let type: SqlType | undefined = SqlTypes.null;
  for (const a of args) {
    type = type === undefined ? undefined : commonType(type, a.type);
    if (type === undefined) throw new SqlValidationError("Illegal mixing of types in CASE or COALESCE statement", call.span);
  }
  const resultType = type ?? SqlTypes.null;
  const evaluators = args.map((a) => castTo(a, resultType));
  return fold({
    type: resultType,
    evaluate: (row) => {
      for (const f of evaluators) {
        const v = f(row);
        if (v !== null) return v;
      }
      return null;
    },
    constant: false,
    key: callKey(call, args),
  }, args);
};

const nullif: Builtin = (call, args) => {
  checkArgs(call, args, [() => true, () => true], "'NULLIF(<ANY>, <ANY>)'");
  const a = arg(args, 0);
  const b = arg(args, 1);
  if (commonType(a.type, b.type) === undefined) throw new SqlValidationError("Illegal mixing of types in NULLIF", call.span);
  const fa = a.evaluate;
  const fb = b.evaluate;
  return fold({
    type: a.type,
    evaluate: (row): SqlValue => {
      const x = fa(row);
      return x !== null && valuesEqual(x, fb(row)) ? null : x;
    },
    constant: false,
    key: callKey(call, args),
  }, args);
};

const monotonic: Builtin = (call, args): Compiled => {
  checkArgs(call, args, [() => true], "'MONOTONIC(<ANY>)'");
  return arg(args, 0);
};

export const GENERAL_BUILTINS: readonly (readonly [string, Builtin])[] = [
  ["COALESCE", coalesce],
  ["NULLIF", nullif],
  ["MONOTONIC", monotonic],
];
