/**
 * Kinesis Data Analytics: the two operation tables the protocol layer serves, one registry behind
 * both, so both API versions see the same applications.
 * - v1, `X-Amz-Target: KinesisAnalytics_20150814.<Operation>`: all 20 operations of its model.
 * - v2, `X-Amz-Target: KinesisAnalytics_20180523.<Operation>`: every operation of its model, for SQL
 *   applications (RuntimeEnvironment SQL-1_0); those that belong to Managed Service for Apache Flink
 *   answer as AWS answers them for SQL applications (operations/v2/flink-only.ts). v2's model spells
 *   error messages `Message` (but TooManyTagsException's `message`), so v2's handlers answer so.
 * Both are signed for the service `kinesisanalytics`.
 */
import { AwsError, RenamedMessageError } from "../aws/errors";
import type { AwsJsonService, Handler, OperationDefinition, OperationTable } from "../aws/protocol";
import { discoverInputSchema, discoverInputSchemaV2 } from "./operations/discover";
import { listTagsForResource, tagResource, untagResource } from "./operations/tags";
import { createApplication, deleteApplication, describeApplicationV1, listApplications, updateApplication } from "./operations/v1/applications";
import * as v1Configuration from "./operations/v1/configuration";
import { startApplication, stopApplication } from "./operations/v1/lifecycle";
import { createApplicationV2, deleteApplicationV2, describeApplicationV2, listApplicationsV2, updateApplicationV2 } from "./operations/v2/applications";
import * as v2Configuration from "./operations/v2/configuration";
import * as flinkOnly from "./operations/v2/flink-only";
import { startApplicationV2, stopApplicationV2 } from "./operations/v2/lifecycle";
import { KINESIS_ANALYTICS_SHAPES, type OperationName as V1Name, type Operations as V1Operations } from "./shapes-v1.generated";
import { KINESIS_ANALYTICS_V2_SHAPES, type OperationName as V2Name, type Operations as V2Operations } from "./shapes-v2.generated";

const SIGNING_NAME = "kinesisanalytics";

function v1<Op extends V1Name>(name: Op, handle: Handler<V1Operations[Op]>): OperationDefinition<V1Operations[Op]> {
  return { input: KINESIS_ANALYTICS_SHAPES.operations[name], handle };
}

/** Errors whose model member is `message` in v2 too. */
const LOWER_CASE_MESSAGE = new Set(["TooManyTagsException"]);

function v2<Op extends V2Name>(name: Op, handle: Handler<V2Operations[Op]>): OperationDefinition<V2Operations[Op]> {
  return {
    input: KINESIS_ANALYTICS_V2_SHAPES.operations[name],
    async handle(input, context) {
      try {
        return await handle(input, context);
      } catch (error) {
        if (error instanceof AwsError && !LOWER_CASE_MESSAGE.has(error.type)) throw new RenamedMessageError(error, "Message");
        throw error;
      }
    },
  };
}

export const analyticsV1: AwsJsonService = {
  targetPrefix: KINESIS_ANALYTICS_SHAPES.targetPrefix,
  signingName: SIGNING_NAME,
  operations: {
    AddApplicationCloudWatchLoggingOption: v1("AddApplicationCloudWatchLoggingOption", v1Configuration.addApplicationCloudWatchLoggingOption),
    AddApplicationInput: v1("AddApplicationInput", v1Configuration.addApplicationInput),
    AddApplicationInputProcessingConfiguration: v1("AddApplicationInputProcessingConfiguration", v1Configuration.addApplicationInputProcessingConfiguration),
    AddApplicationOutput: v1("AddApplicationOutput", v1Configuration.addApplicationOutput),
    AddApplicationReferenceDataSource: v1("AddApplicationReferenceDataSource", v1Configuration.addApplicationReferenceDataSource),
    CreateApplication: v1("CreateApplication", createApplication),
    DeleteApplication: v1("DeleteApplication", deleteApplication),
    DeleteApplicationCloudWatchLoggingOption: v1("DeleteApplicationCloudWatchLoggingOption", v1Configuration.deleteApplicationCloudWatchLoggingOption),
    DeleteApplicationInputProcessingConfiguration: v1("DeleteApplicationInputProcessingConfiguration", v1Configuration.deleteApplicationInputProcessingConfiguration),
    DeleteApplicationOutput: v1("DeleteApplicationOutput", v1Configuration.deleteApplicationOutput),
    DeleteApplicationReferenceDataSource: v1("DeleteApplicationReferenceDataSource", v1Configuration.deleteApplicationReferenceDataSource),
    DescribeApplication: v1("DescribeApplication", describeApplicationV1),
    DiscoverInputSchema: v1("DiscoverInputSchema", discoverInputSchema),
    ListApplications: v1("ListApplications", listApplications),
    ListTagsForResource: v1("ListTagsForResource", listTagsForResource),
    StartApplication: v1("StartApplication", startApplication),
    StopApplication: v1("StopApplication", stopApplication),
    TagResource: v1("TagResource", tagResource),
    UntagResource: v1("UntagResource", untagResource),
    UpdateApplication: v1("UpdateApplication", updateApplication),
  } satisfies OperationTable<V1Operations>,
};

export const analyticsV2: AwsJsonService = {
  targetPrefix: KINESIS_ANALYTICS_V2_SHAPES.targetPrefix,
  signingName: SIGNING_NAME,
  operations: {
    AddApplicationCloudWatchLoggingOption: v2("AddApplicationCloudWatchLoggingOption", v2Configuration.addApplicationCloudWatchLoggingOptionV2),
    AddApplicationInput: v2("AddApplicationInput", v2Configuration.addApplicationInputV2),
    AddApplicationInputProcessingConfiguration: v2("AddApplicationInputProcessingConfiguration", v2Configuration.addApplicationInputProcessingConfigurationV2),
    AddApplicationOutput: v2("AddApplicationOutput", v2Configuration.addApplicationOutputV2),
    AddApplicationReferenceDataSource: v2("AddApplicationReferenceDataSource", v2Configuration.addApplicationReferenceDataSourceV2),
    AddApplicationVpcConfiguration: v2("AddApplicationVpcConfiguration", flinkOnly.addApplicationVpcConfiguration),
    CreateApplication: v2("CreateApplication", createApplicationV2),
    CreateApplicationPresignedUrl: v2("CreateApplicationPresignedUrl", flinkOnly.createApplicationPresignedUrl),
    CreateApplicationSnapshot: v2("CreateApplicationSnapshot", flinkOnly.createApplicationSnapshot),
    DeleteApplication: v2("DeleteApplication", deleteApplicationV2),
    DeleteApplicationCloudWatchLoggingOption: v2("DeleteApplicationCloudWatchLoggingOption", v2Configuration.deleteApplicationCloudWatchLoggingOptionV2),
    DeleteApplicationInputProcessingConfiguration: v2("DeleteApplicationInputProcessingConfiguration", v2Configuration.deleteApplicationInputProcessingConfigurationV2),
    DeleteApplicationOutput: v2("DeleteApplicationOutput", v2Configuration.deleteApplicationOutputV2),
    DeleteApplicationReferenceDataSource: v2("DeleteApplicationReferenceDataSource", v2Configuration.deleteApplicationReferenceDataSourceV2),
    DeleteApplicationSnapshot: v2("DeleteApplicationSnapshot", flinkOnly.deleteApplicationSnapshot),
    DeleteApplicationVpcConfiguration: v2("DeleteApplicationVpcConfiguration", flinkOnly.deleteApplicationVpcConfiguration),
    DescribeApplication: v2("DescribeApplication", describeApplicationV2),
    DescribeApplicationOperation: v2("DescribeApplicationOperation", flinkOnly.describeApplicationOperation),
    DescribeApplicationSnapshot: v2("DescribeApplicationSnapshot", flinkOnly.describeApplicationSnapshot),
    DescribeApplicationVersion: v2("DescribeApplicationVersion", flinkOnly.describeApplicationVersion),
    DiscoverInputSchema: v2("DiscoverInputSchema", discoverInputSchemaV2),
    ListApplicationOperations: v2("ListApplicationOperations", flinkOnly.listApplicationOperations),
    ListApplicationSnapshots: v2("ListApplicationSnapshots", flinkOnly.listApplicationSnapshots),
    ListApplicationVersions: v2("ListApplicationVersions", flinkOnly.listApplicationVersions),
    ListApplications: v2("ListApplications", listApplicationsV2),
    ListTagsForResource: v2("ListTagsForResource", listTagsForResource),
    RollbackApplication: v2("RollbackApplication", flinkOnly.rollbackApplication),
    StartApplication: v2("StartApplication", startApplicationV2),
    StopApplication: v2("StopApplication", stopApplicationV2),
    TagResource: v2("TagResource", tagResource),
    UntagResource: v2("UntagResource", untagResource),
    UpdateApplication: v2("UpdateApplication", updateApplicationV2),
    UpdateApplicationMaintenanceConfiguration: v2("UpdateApplicationMaintenanceConfiguration", flinkOnly.updateApplicationMaintenanceConfiguration),
  } satisfies OperationTable<V2Operations>,
};
