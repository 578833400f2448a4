/** What a new application's configuration names, for the existence checks CreateApplication makes (resources.ts). */
import type { ApplicationDefinition, ArnKind } from "../definition";

export function namedByCreation(definition: ApplicationDefinition): { arn: string; kind: ArnKind }[] {
  const found: { arn: string; kind: ArnKind }[] = [];
  for (const input of definition.inputs) {
    if (input.KinesisStreamsInputDescription) found.push({ arn: input.KinesisStreamsInputDescription.ResourceARN, kind: "stream" });
    if (input.KinesisFirehoseInputDescription) found.push({ arn: input.KinesisFirehoseInputDescription.ResourceARN, kind: "deliverystream" });
  }
  for (const output of definition.outputs) {
    if (output.KinesisStreamsOutputDescription) found.push({ arn: output.KinesisStreamsOutputDescription.ResourceARN, kind: "stream" });
    if (output.KinesisFirehoseOutputDescription) found.push({ arn: output.KinesisFirehoseOutputDescription.ResourceARN, kind: "deliverystream" });
  }
  return found;
}
