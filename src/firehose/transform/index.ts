/**
 * Firehose's record processing, as one function the delivery worker calls on a buffer of records
 * (processRecords), plus the check CreateDeliveryStream and UpdateDestination make of a
 * ProcessingConfiguration (validateProcessingConfiguration). Nothing here keeps state but the
 * JSONata compile cache; time and the way to reach a transformation function come in through
 * ProcessingEnv. See chain.ts for the order of the processors and the file of each for its rules.
 */
export { processRecords, type ProcessingInput } from "./chain";
export {
  lambdaBufferingHints,
  validateProcessingConfiguration,
  type ProcessingConfiguration,
  type ProcessingSettings,
  type Processor,
  type ProcessorParameter,
} from "./config";
export { errorOutputType } from "./failures";
export { jsonataCompilations } from "./jsonata";
export { type InvocationContext, type ProcessingEnv } from "./lambda";
export { resolveLambda, type LambdaTarget, type ResolvedLambda } from "./lambda-target";
