/**
 * The functions AWS's SQL offers beyond the engine's built-ins, registered with the engine's plug-in
 * interfaces (src/analytics/sql/plugins.ts): the analytic table functions and the log parsers of
 * src/analytics/functions/. Running applications compile their code against this registry.
 */
import { functionRegistry, type FunctionRegistry } from "../sql";
import { logParsers } from "./log-parsers";
import { tableFunctions } from "./table-functions";

export const analyticsFunctions: FunctionRegistry = functionRegistry({ scalar: logParsers, table: tableFunctions });
