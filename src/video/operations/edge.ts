/**
 * Edge configuration (the Kinesis Video Streams Edge Agent on an AWS IoT Greengrass device): not
 * part of Rivulet. A stream here never has an edge configuration, and none can be started, since
 * no edge agent can reach this deployment; listing a hub device's configurations lists none.
 */
import { InvalidArgumentException, NoDataRetentionException, StreamEdgeConfigurationNotFoundException, unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { videoRegistryFor } from "../../objects";
import type {
  DeleteEdgeConfigurationInput,
  DeleteEdgeConfigurationOutput,
  DescribeEdgeConfigurationInput,
  DescribeEdgeConfigurationOutput,
  ListEdgeAgentConfigurationsOutput,
  StartEdgeConfigurationUpdateInput,
  StartEdgeConfigurationUpdateOutput,
} from "../shapes.generated";
import { streamRef } from "./refs";

export async function startEdgeConfigurationUpdate(
  input: StartEdgeConfigurationUpdateInput,
  context: RequestContext,
): Promise<StartEdgeConfigurationUpdateOutput> {
  const stream = unwrap(await videoRegistryFor(context.env, context.scope).describe(streamRef(input, context.scope)));
  if (stream.retentionHours === 0) throw new NoDataRetentionException(`The stream ${stream.name} has a data retention of 0 hours.`);
  throw new InvalidArgumentException(
    `The edge agent of ${input.EdgeConfig.HubDeviceArn} cannot be configured: edge configuration is not part of Rivulet.`,
  );
}

/** DescribeEdgeConfiguration and DeleteEdgeConfiguration: the stream has none. */
export async function noEdgeConfiguration(
  input: DescribeEdgeConfigurationInput | DeleteEdgeConfigurationInput,
  context: RequestContext,
): Promise<DescribeEdgeConfigurationOutput & DeleteEdgeConfigurationOutput> {
  const stream = unwrap(await videoRegistryFor(context.env, context.scope).describe(streamRef(input, context.scope)));
  throw new StreamEdgeConfigurationNotFoundException(`The stream ${stream.name} has no edge configuration.`);
}

export async function listEdgeAgentConfigurations(): Promise<ListEdgeAgentConfigurationsOutput> {
  return { EdgeConfigs: [] };
}
