/** Every built-in scalar function, by name. Plug-in functions (log parsers) come from the registry. */
import { DATETIME_BUILTINS } from "./datetime";
import { GENERAL_BUILTINS } from "./general";
import { NUMERIC_BUILTINS } from "./numeric";
import type { Builtin } from "./shared";
import { STRING_BUILTINS } from "./string";

export type { Builtin } from "./shared";

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map([...STRING_BUILTINS, ...NUMERIC_BUILTINS, ...DATETIME_BUILTINS, ...GENERAL_BUILTINS]);
