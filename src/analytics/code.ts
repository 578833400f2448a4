/**
 * Application code against an application's configuration: the schema its SQL sees (each input's
 * in-application streams, `<prefix>_001`..., with the input schema's columns, named exactly as
 * configured; each reference data source's table) and the compiled application, or AWS's
 * CodeValidationException carrying the engine's message, which names the line and the column.
 *
 * AWS checks code when it runs it, not when it stores it: Terraform's acceptance tests create and
 * update READY applications whose code is `testCode` or `SELECT 1;`. So code is compiled when an
 * application starts and when a running application takes new code or configuration, by the
 * application object (runner-contract.ts), which can use this module.
 */
import { CodeValidationException } from "../aws/errors";
import type { ApplicationSpec } from "./runner-contract";
import type { SourceSchema } from "./shapes-v1.generated";
import { compileApplication, emptyRegistry, parseColumnType, SqlError, type ApplicationSchema, type CompiledApplication, type FunctionRegistry } from "./sql";

function columnsOf(schema: SourceSchema | undefined) {
  return (schema?.RecordColumns ?? []).map((column) => ({ name: column.Name, type: parseColumnType(column.SqlType) }));
}

/** The in-application streams and tables a spec's code can name. */
export function applicationSchema(spec: ApplicationSpec): ApplicationSchema {
  return {
    inputs: spec.inputs.flatMap((input) => {
      const columns = columnsOf(input.InputSchema);
      return (input.InAppStreamNames ?? []).map((name) => ({ name, columns }));
    }),
    referenceTables: spec.referenceDataSources.map((reference) => ({ name: reference.TableName, columns: columnsOf(reference.ReferenceSchema) })),
  };
}

/** Compiles a spec's code; CodeValidationException with the engine's line-and-column message when it cannot run. */
export function compileSpec(spec: ApplicationSpec, functions: FunctionRegistry = emptyRegistry): CompiledApplication {
  try {
    return compileApplication(spec.code, applicationSchema(spec), { functions });
  } catch (error) {
    if (error instanceof SqlError) throw new CodeValidationException(error.message);
    throw error;
  }
}
