/**
 * v2's operations for Managed Service for Apache Flink applications, answered for SQL applications
 * as AWS answers them: the application must exist (ResourceNotFoundException), then the operation is
 * refused. Which exception each answers follows the model: the operations documented as "supported
 * only for Managed Service for Apache Flink", snapshots and rollbacks UnsupportedOperationException;
 * VPC configurations ("VPC configurations are not supported for SQL applications", the model's
 * documentation of AddApplicationVpcConfiguration) and extension URLs, whose models list no such
 * exception, InvalidArgumentException.
 */
import { InvalidArgumentException, UnsupportedOperationException, type AwsError } from "../../../aws/errors";
import type { RequestContext } from "../../../aws/protocol";
import { describeApplication } from "../common";
import { flinkOnlyOperation } from "./sql-only";

function refusing(error: () => AwsError) {
  return async (input: { ApplicationName: string }, context: RequestContext): Promise<never> => {
    await describeApplication(context, input.ApplicationName, "v2");
    throw error();
  };
}

const vpc = () => new InvalidArgumentException("VPC configurations are not supported for SQL applications.");
const snapshots = () => new UnsupportedOperationException("Snapshots are supported only for Managed Service for Apache Flink applications.");

export const addApplicationVpcConfiguration = refusing(vpc);
export const deleteApplicationVpcConfiguration = refusing(vpc);
export const createApplicationPresignedUrl = refusing(
  () => new InvalidArgumentException("Extension URLs are available for Managed Service for Apache Flink applications and Studio notebooks only."),
);
export const createApplicationSnapshot = refusing(snapshots);
export const deleteApplicationSnapshot = refusing(snapshots);
export const describeApplicationSnapshot = refusing(snapshots);
export const listApplicationSnapshots = refusing(snapshots);
export const describeApplicationOperation = refusing(flinkOnlyOperation);
export const listApplicationOperations = refusing(flinkOnlyOperation);
export const describeApplicationVersion = refusing(flinkOnlyOperation);
export const listApplicationVersions = refusing(flinkOnlyOperation);
export const rollbackApplication = refusing(flinkOnlyOperation);
export const updateApplicationMaintenanceConfiguration = refusing(flinkOnlyOperation);
