/** The ApplicationSpec (runner-contract.ts) of a definition: what the application object runs. */
import type { Scope } from "../aws/scope";
import type { ApplicationDefinition } from "./definition";
import { applicationArn } from "./ids";
import type { ApplicationSpec } from "./runner-contract";
import { v1Configuration } from "./views";

export function applicationSpec(scope: Scope, definition: ApplicationDefinition): ApplicationSpec {
  const configuration = v1Configuration(definition);
  return {
    applicationName: definition.name,
    applicationArn: applicationArn(scope, definition.name),
    versionId: definition.version,
    code: definition.code ?? "",
    inputs: configuration.inputs,
    outputs: configuration.outputs,
    referenceDataSources: configuration.references,
  };
}
