// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/kinesisanalytics-2015-08-14.json (Amazon Kinesis Analytics, API 2015-08-14, AWS JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { InputShape, ListShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $ApplicationName: StringShape = { type: "string", min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ApplicationVersionId: NumberShape = { type: "long", min: 1, max: 999999999 };
const $LogStreamARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $RoleARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+", regex: new RegExp("^(?:arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+)$", "u") };
const $CloudWatchLoggingOption: StructureShape = { type: "structure", name: "CloudWatchLoggingOption", javaClass: "com.amazonaws.kinesisanalytics.v20150814.CloudWatchLoggingOption", members: [{ name: "LogStreamARN", shape: $LogStreamARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $AddApplicationCloudWatchLoggingOptionRequest: StructureShape = { type: "structure", name: "AddApplicationCloudWatchLoggingOptionRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.AddApplicationCloudWatchLoggingOptionRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "CloudWatchLoggingOption", shape: $CloudWatchLoggingOption, required: true }] };
const $InAppStreamName: StringShape = { type: "string", min: 1, max: 32 };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $InputLambdaProcessor: StructureShape = { type: "structure", name: "InputLambdaProcessor", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputLambdaProcessor", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $InputProcessingConfiguration: StructureShape = { type: "structure", name: "InputProcessingConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputProcessingConfiguration", members: [{ name: "InputLambdaProcessor", shape: $InputLambdaProcessor, required: true }] };
const $KinesisStreamsInput: StructureShape = { type: "structure", name: "KinesisStreamsInput", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisStreamsInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $KinesisFirehoseInput: StructureShape = { type: "structure", name: "KinesisFirehoseInput", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisFirehoseInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $InputParallelismCount: NumberShape = { type: "integer", min: 1, max: 64 };
const $InputParallelism: StructureShape = { type: "structure", name: "InputParallelism", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputParallelism", members: [{ name: "Count", shape: $InputParallelismCount }] };
const $RecordFormatType: StringShape = { type: "string", enum: ["JSON","CSV"] };
const $RecordRowPath: StringShape = { type: "string", min: 1 };
const $JSONMappingParameters: StructureShape = { type: "structure", name: "JSONMappingParameters", javaClass: "com.amazonaws.kinesisanalytics.v20150814.JSONMappingParameters", members: [{ name: "RecordRowPath", shape: $RecordRowPath, required: true }] };
const $RecordRowDelimiter: StringShape = { type: "string", min: 1 };
const $RecordColumnDelimiter: StringShape = { type: "string", min: 1 };
const $CSVMappingParameters: StructureShape = { type: "structure", name: "CSVMappingParameters", javaClass: "com.amazonaws.kinesisanalytics.v20150814.CSVMappingParameters", members: [{ name: "RecordRowDelimiter", shape: $RecordRowDelimiter, required: true }, { name: "RecordColumnDelimiter", shape: $RecordColumnDelimiter, required: true }] };
const $MappingParameters: StructureShape = { type: "structure", name: "MappingParameters", javaClass: "com.amazonaws.kinesisanalytics.v20150814.MappingParameters", members: [{ name: "JSONMappingParameters", shape: $JSONMappingParameters }, { name: "CSVMappingParameters", shape: $CSVMappingParameters }] };
const $RecordFormat: StructureShape = { type: "structure", name: "RecordFormat", javaClass: "com.amazonaws.kinesisanalytics.v20150814.RecordFormat", members: [{ name: "RecordFormatType", shape: $RecordFormatType, required: true }, { name: "MappingParameters", shape: $MappingParameters }] };
const $RecordEncoding: StringShape = { type: "string", pattern: "UTF-8", regex: new RegExp("^(?:UTF-8)$", "u") };
const $RecordColumnName: StringShape = { type: "string" };
const $RecordColumnMapping: StringShape = { type: "string" };
const $RecordColumnSqlType: StringShape = { type: "string", min: 1 };
const $RecordColumn: StructureShape = { type: "structure", name: "RecordColumn", javaClass: "com.amazonaws.kinesisanalytics.v20150814.RecordColumn", members: [{ name: "Name", shape: $RecordColumnName, required: true }, { name: "Mapping", shape: $RecordColumnMapping }, { name: "SqlType", shape: $RecordColumnSqlType, required: true }] };
const $RecordColumns: ListShape = { type: "list", member: $RecordColumn, min: 1, max: 1000 };
const $SourceSchema: StructureShape = { type: "structure", name: "SourceSchema", javaClass: "com.amazonaws.kinesisanalytics.v20150814.SourceSchema", members: [{ name: "RecordFormat", shape: $RecordFormat, required: true }, { name: "RecordEncoding", shape: $RecordEncoding }, { name: "RecordColumns", shape: $RecordColumns, required: true }] };
const $Input: StructureShape = { type: "structure", name: "Input", javaClass: "com.amazonaws.kinesisanalytics.v20150814.Input", members: [{ name: "NamePrefix", shape: $InAppStreamName, required: true }, { name: "InputProcessingConfiguration", shape: $InputProcessingConfiguration }, { name: "KinesisStreamsInput", shape: $KinesisStreamsInput }, { name: "KinesisFirehoseInput", shape: $KinesisFirehoseInput }, { name: "InputParallelism", shape: $InputParallelism }, { name: "InputSchema", shape: $SourceSchema, required: true }] };
const $AddApplicationInputRequest: StructureShape = { type: "structure", name: "AddApplicationInputRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.AddApplicationInputRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "Input", shape: $Input, required: true }] };
const $Id: StringShape = { type: "string", min: 1, max: 50, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $AddApplicationInputProcessingConfigurationRequest: StructureShape = { type: "structure", name: "AddApplicationInputProcessingConfigurationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.AddApplicationInputProcessingConfigurationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "InputId", shape: $Id, required: true }, { name: "InputProcessingConfiguration", shape: $InputProcessingConfiguration, required: true }] };
const $KinesisStreamsOutput: StructureShape = { type: "structure", name: "KinesisStreamsOutput", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisStreamsOutput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $KinesisFirehoseOutput: StructureShape = { type: "structure", name: "KinesisFirehoseOutput", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisFirehoseOutput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $LambdaOutput: StructureShape = { type: "structure", name: "LambdaOutput", javaClass: "com.amazonaws.kinesisanalytics.v20150814.LambdaOutput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $DestinationSchema: StructureShape = { type: "structure", name: "DestinationSchema", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DestinationSchema", members: [{ name: "RecordFormatType", shape: $RecordFormatType, required: true }] };
const $Output: StructureShape = { type: "structure", name: "Output", javaClass: "com.amazonaws.kinesisanalytics.v20150814.Output", members: [{ name: "Name", shape: $InAppStreamName, required: true }, { name: "KinesisStreamsOutput", shape: $KinesisStreamsOutput }, { name: "KinesisFirehoseOutput", shape: $KinesisFirehoseOutput }, { name: "LambdaOutput", shape: $LambdaOutput }, { name: "DestinationSchema", shape: $DestinationSchema, required: true }] };
const $AddApplicationOutputRequest: StructureShape = { type: "structure", name: "AddApplicationOutputRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.AddApplicationOutputRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "Output", shape: $Output, required: true }] };
const $InAppTableName: StringShape = { type: "string", min: 1, max: 32 };
const $BucketARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $FileKey: StringShape = { type: "string", min: 1, max: 1024 };
const $S3ReferenceDataSource: StructureShape = { type: "structure", name: "S3ReferenceDataSource", javaClass: "com.amazonaws.kinesisanalytics.v20150814.S3ReferenceDataSource", members: [{ name: "BucketARN", shape: $BucketARN, required: true }, { name: "FileKey", shape: $FileKey, required: true }, { name: "ReferenceRoleARN", shape: $RoleARN, required: true }] };
const $ReferenceDataSource: StructureShape = { type: "structure", name: "ReferenceDataSource", javaClass: "com.amazonaws.kinesisanalytics.v20150814.ReferenceDataSource", members: [{ name: "TableName", shape: $InAppTableName, required: true }, { name: "S3ReferenceDataSource", shape: $S3ReferenceDataSource }, { name: "ReferenceSchema", shape: $SourceSchema, required: true }] };
const $AddApplicationReferenceDataSourceRequest: StructureShape = { type: "structure", name: "AddApplicationReferenceDataSourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.AddApplicationReferenceDataSourceRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "ReferenceDataSource", shape: $ReferenceDataSource, required: true }] };
const $ApplicationDescription: StringShape = { type: "string", min: 0, max: 1024 };
const $Inputs: ListShape = { type: "list", member: $Input };
const $Outputs: ListShape = { type: "list", member: $Output };
const $CloudWatchLoggingOptions: ListShape = { type: "list", member: $CloudWatchLoggingOption };
const $ApplicationCode: StringShape = { type: "string", min: 0, max: 102400 };
const $TagKey: StringShape = { type: "string", min: 1, max: 128 };
const $TagValue: StringShape = { type: "string", min: 0, max: 256 };
const $Tag: StructureShape = { type: "structure", name: "Tag", javaClass: "com.amazonaws.kinesisanalytics.v20150814.Tag", members: [{ name: "Key", shape: $TagKey, required: true }, { name: "Value", shape: $TagValue }] };
const $Tags: ListShape = { type: "list", member: $Tag, min: 1, max: 200 };
const $CreateApplicationRequest: StructureShape = { type: "structure", name: "CreateApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.CreateApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "ApplicationDescription", shape: $ApplicationDescription }, { name: "Inputs", shape: $Inputs }, { name: "Outputs", shape: $Outputs }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "ApplicationCode", shape: $ApplicationCode }, { name: "Tags", shape: $Tags }] };
const $Timestamp: TimestampShape = { type: "timestamp" };
const $DeleteApplicationRequest: StructureShape = { type: "structure", name: "DeleteApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DeleteApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CreateTimestamp", shape: $Timestamp, required: true }] };
const $DeleteApplicationCloudWatchLoggingOptionRequest: StructureShape = { type: "structure", name: "DeleteApplicationCloudWatchLoggingOptionRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DeleteApplicationCloudWatchLoggingOptionRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "CloudWatchLoggingOptionId", shape: $Id, required: true }] };
const $DeleteApplicationInputProcessingConfigurationRequest: StructureShape = { type: "structure", name: "DeleteApplicationInputProcessingConfigurationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DeleteApplicationInputProcessingConfigurationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "InputId", shape: $Id, required: true }] };
const $DeleteApplicationOutputRequest: StructureShape = { type: "structure", name: "DeleteApplicationOutputRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DeleteApplicationOutputRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "OutputId", shape: $Id, required: true }] };
const $DeleteApplicationReferenceDataSourceRequest: StructureShape = { type: "structure", name: "DeleteApplicationReferenceDataSourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DeleteApplicationReferenceDataSourceRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "ReferenceId", shape: $Id, required: true }] };
const $DescribeApplicationRequest: StructureShape = { type: "structure", name: "DescribeApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DescribeApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }] };
const $InputStartingPosition: StringShape = { type: "string", enum: ["NOW","TRIM_HORIZON","LAST_STOPPED_POINT"] };
const $InputStartingPositionConfiguration: StructureShape = { type: "structure", name: "InputStartingPositionConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputStartingPositionConfiguration", members: [{ name: "InputStartingPosition", shape: $InputStartingPosition }] };
const $S3Configuration: StructureShape = { type: "structure", name: "S3Configuration", javaClass: "com.amazonaws.kinesisanalytics.v20150814.S3Configuration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "BucketARN", shape: $BucketARN, required: true }, { name: "FileKey", shape: $FileKey, required: true }] };
const $DiscoverInputSchemaRequest: StructureShape = { type: "structure", name: "DiscoverInputSchemaRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.DiscoverInputSchemaRequest", members: [{ name: "ResourceARN", shape: $ResourceARN }, { name: "RoleARN", shape: $RoleARN }, { name: "InputStartingPositionConfiguration", shape: $InputStartingPositionConfiguration }, { name: "S3Configuration", shape: $S3Configuration }, { name: "InputProcessingConfiguration", shape: $InputProcessingConfiguration }] };
const $ListApplicationsInputLimit: NumberShape = { type: "integer", min: 1, max: 50 };
const $ListApplicationsRequest: StructureShape = { type: "structure", name: "ListApplicationsRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.ListApplicationsRequest", members: [{ name: "Limit", shape: $ListApplicationsInputLimit }, { name: "ExclusiveStartApplicationName", shape: $ApplicationName }] };
const $KinesisAnalyticsARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\\d{1}+:\\d{12}+:application/[a-zA-Z0-9_.-]{1,128}", regex: new RegExp("^(?:arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\\d{1}:\\d{12}:application/[a-zA-Z0-9_.-]{1,128})$", "u") };
const $ListTagsForResourceRequest: StructureShape = { type: "structure", name: "ListTagsForResourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.ListTagsForResourceRequest", members: [{ name: "ResourceARN", shape: $KinesisAnalyticsARN, required: true }] };
const $InputConfiguration: StructureShape = { type: "structure", name: "InputConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputConfiguration", members: [{ name: "Id", shape: $Id, required: true }, { name: "InputStartingPositionConfiguration", shape: $InputStartingPositionConfiguration, required: true }] };
const $InputConfigurations: ListShape = { type: "list", member: $InputConfiguration };
const $StartApplicationRequest: StructureShape = { type: "structure", name: "StartApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.StartApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "InputConfigurations", shape: $InputConfigurations, required: true }] };
const $StopApplicationRequest: StructureShape = { type: "structure", name: "StopApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.StopApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }] };
const $TagResourceRequest: StructureShape = { type: "structure", name: "TagResourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.TagResourceRequest", members: [{ name: "ResourceARN", shape: $KinesisAnalyticsARN, required: true }, { name: "Tags", shape: $Tags, required: true }] };
const $TagKeys: ListShape = { type: "list", member: $TagKey, min: 1, max: 200 };
const $UntagResourceRequest: StructureShape = { type: "structure", name: "UntagResourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.UntagResourceRequest", members: [{ name: "ResourceARN", shape: $KinesisAnalyticsARN, required: true }, { name: "TagKeys", shape: $TagKeys, required: true }] };
const $InputLambdaProcessorUpdate: StructureShape = { type: "structure", name: "InputLambdaProcessorUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputLambdaProcessorUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN }, { name: "RoleARNUpdate", shape: $RoleARN }] };
const $InputProcessingConfigurationUpdate: StructureShape = { type: "structure", name: "InputProcessingConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputProcessingConfigurationUpdate", members: [{ name: "InputLambdaProcessorUpdate", shape: $InputLambdaProcessorUpdate, required: true }] };
const $KinesisStreamsInputUpdate: StructureShape = { type: "structure", name: "KinesisStreamsInputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisStreamsInputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN }, { name: "RoleARNUpdate", shape: $RoleARN }] };
const $KinesisFirehoseInputUpdate: StructureShape = { type: "structure", name: "KinesisFirehoseInputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisFirehoseInputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN }, { name: "RoleARNUpdate", shape: $RoleARN }] };
const $InputSchemaUpdate: StructureShape = { type: "structure", name: "InputSchemaUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputSchemaUpdate", members: [{ name: "RecordFormatUpdate", shape: $RecordFormat }, { name: "RecordEncodingUpdate", shape: $RecordEncoding }, { name: "RecordColumnUpdates", shape: $RecordColumns }] };
const $InputParallelismUpdate: StructureShape = { type: "structure", name: "InputParallelismUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputParallelismUpdate", members: [{ name: "CountUpdate", shape: $InputParallelismCount }] };
const $InputUpdate: StructureShape = { type: "structure", name: "InputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.InputUpdate", members: [{ name: "InputId", shape: $Id, required: true }, { name: "NamePrefixUpdate", shape: $InAppStreamName }, { name: "InputProcessingConfigurationUpdate", shape: $InputProcessingConfigurationUpdate }, { name: "KinesisStreamsInputUpdate", shape: $KinesisStreamsInputUpdate }, { name: "KinesisFirehoseInputUpdate", shape: $KinesisFirehoseInputUpdate }, { name: "InputSchemaUpdate", shape: $InputSchemaUpdate }, { name: "InputParallelismUpdate", shape: $InputParallelismUpdate }] };
const $InputUpdates: ListShape = { type: "list", member: $InputUpdate };
const $KinesisStreamsOutputUpdate: StructureShape = { type: "structure", name: "KinesisStreamsOutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisStreamsOutputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN }, { name: "RoleARNUpdate", shape: $RoleARN }] };
const $KinesisFirehoseOutputUpdate: StructureShape = { type: "structure", name: "KinesisFirehoseOutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.KinesisFirehoseOutputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN }, { name: "RoleARNUpdate", shape: $RoleARN }] };
const $LambdaOutputUpdate: StructureShape = { type: "structure", name: "LambdaOutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.LambdaOutputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN }, { name: "RoleARNUpdate", shape: $RoleARN }] };
const $OutputUpdate: StructureShape = { type: "structure", name: "OutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.OutputUpdate", members: [{ name: "OutputId", shape: $Id, required: true }, { name: "NameUpdate", shape: $InAppStreamName }, { name: "KinesisStreamsOutputUpdate", shape: $KinesisStreamsOutputUpdate }, { name: "KinesisFirehoseOutputUpdate", shape: $KinesisFirehoseOutputUpdate }, { name: "LambdaOutputUpdate", shape: $LambdaOutputUpdate }, { name: "DestinationSchemaUpdate", shape: $DestinationSchema }] };
const $OutputUpdates: ListShape = { type: "list", member: $OutputUpdate };
const $S3ReferenceDataSourceUpdate: StructureShape = { type: "structure", name: "S3ReferenceDataSourceUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.S3ReferenceDataSourceUpdate", members: [{ name: "BucketARNUpdate", shape: $BucketARN }, { name: "FileKeyUpdate", shape: $FileKey }, { name: "ReferenceRoleARNUpdate", shape: $RoleARN }] };
const $ReferenceDataSourceUpdate: StructureShape = { type: "structure", name: "ReferenceDataSourceUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.ReferenceDataSourceUpdate", members: [{ name: "ReferenceId", shape: $Id, required: true }, { name: "TableNameUpdate", shape: $InAppTableName }, { name: "S3ReferenceDataSourceUpdate", shape: $S3ReferenceDataSourceUpdate }, { name: "ReferenceSchemaUpdate", shape: $SourceSchema }] };
const $ReferenceDataSourceUpdates: ListShape = { type: "list", member: $ReferenceDataSourceUpdate };
const $CloudWatchLoggingOptionUpdate: StructureShape = { type: "structure", name: "CloudWatchLoggingOptionUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.CloudWatchLoggingOptionUpdate", members: [{ name: "CloudWatchLoggingOptionId", shape: $Id, required: true }, { name: "LogStreamARNUpdate", shape: $LogStreamARN }, { name: "RoleARNUpdate", shape: $RoleARN }] };
const $CloudWatchLoggingOptionUpdates: ListShape = { type: "list", member: $CloudWatchLoggingOptionUpdate };
const $ApplicationUpdate: StructureShape = { type: "structure", name: "ApplicationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20150814.ApplicationUpdate", members: [{ name: "InputUpdates", shape: $InputUpdates }, { name: "ApplicationCodeUpdate", shape: $ApplicationCode }, { name: "OutputUpdates", shape: $OutputUpdates }, { name: "ReferenceDataSourceUpdates", shape: $ReferenceDataSourceUpdates }, { name: "CloudWatchLoggingOptionUpdates", shape: $CloudWatchLoggingOptionUpdates }] };
const $UpdateApplicationRequest: StructureShape = { type: "structure", name: "UpdateApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20150814.UpdateApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "ApplicationUpdate", shape: $ApplicationUpdate, required: true }] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  AddApplicationCloudWatchLoggingOption: $AddApplicationCloudWatchLoggingOptionRequest,
  AddApplicationInput: $AddApplicationInputRequest,
  AddApplicationInputProcessingConfiguration: $AddApplicationInputProcessingConfigurationRequest,
  AddApplicationOutput: $AddApplicationOutputRequest,
  AddApplicationReferenceDataSource: $AddApplicationReferenceDataSourceRequest,
  CreateApplication: $CreateApplicationRequest,
  DeleteApplication: $DeleteApplicationRequest,
  DeleteApplicationCloudWatchLoggingOption: $DeleteApplicationCloudWatchLoggingOptionRequest,
  DeleteApplicationInputProcessingConfiguration: $DeleteApplicationInputProcessingConfigurationRequest,
  DeleteApplicationOutput: $DeleteApplicationOutputRequest,
  DeleteApplicationReferenceDataSource: $DeleteApplicationReferenceDataSourceRequest,
  DescribeApplication: $DescribeApplicationRequest,
  DiscoverInputSchema: $DiscoverInputSchemaRequest,
  ListApplications: $ListApplicationsRequest,
  ListTagsForResource: $ListTagsForResourceRequest,
  StartApplication: $StartApplicationRequest,
  StopApplication: $StopApplicationRequest,
  TagResource: $TagResourceRequest,
  UntagResource: $UntagResourceRequest,
  UpdateApplication: $UpdateApplicationRequest,
};

export const KINESIS_ANALYTICS_SHAPES = {
  serviceId: "Kinesis Analytics",
  apiVersion: "2015-08-14",
  protocol: "json",
  signingName: "kinesisanalytics",
  targetPrefix: "KinesisAnalytics_20150814",
  jsonVersion: "1.1",
  javaPackage: "com.amazonaws.kinesisanalytics.v20150814",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["AddApplicationCloudWatchLoggingOption", "AddApplicationInput", "AddApplicationInputProcessingConfiguration", "AddApplicationOutput", "AddApplicationReferenceDataSource", "CreateApplication", "DeleteApplication", "DeleteApplicationCloudWatchLoggingOption", "DeleteApplicationInputProcessingConfiguration", "DeleteApplicationOutput", "DeleteApplicationReferenceDataSource", "DescribeApplication", "DiscoverInputSchema", "ListApplications", "ListTagsForResource", "StartApplication", "StopApplication", "TagResource", "UntagResource", "UpdateApplication"],
  /** The input structure of each operation. */
  operations: inputs,
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "AddApplicationCloudWatchLoggingOption" | "AddApplicationInput" | "AddApplicationInputProcessingConfiguration" | "AddApplicationOutput" | "AddApplicationReferenceDataSource" | "CreateApplication" | "DeleteApplication" | "DeleteApplicationCloudWatchLoggingOption" | "DeleteApplicationInputProcessingConfiguration" | "DeleteApplicationOutput" | "DeleteApplicationReferenceDataSource" | "DescribeApplication" | "DiscoverInputSchema" | "ListApplications" | "ListTagsForResource" | "StartApplication" | "StopApplication" | "TagResource" | "UntagResource" | "UpdateApplication";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  AddApplicationCloudWatchLoggingOption: { input: AddApplicationCloudWatchLoggingOptionInput; output: AddApplicationCloudWatchLoggingOptionOutput };
  AddApplicationInput: { input: AddApplicationInputInput; output: AddApplicationInputOutput };
  AddApplicationInputProcessingConfiguration: { input: AddApplicationInputProcessingConfigurationInput; output: AddApplicationInputProcessingConfigurationOutput };
  AddApplicationOutput: { input: AddApplicationOutputInput; output: AddApplicationOutputOutput };
  AddApplicationReferenceDataSource: { input: AddApplicationReferenceDataSourceInput; output: AddApplicationReferenceDataSourceOutput };
  CreateApplication: { input: CreateApplicationInput; output: CreateApplicationOutput };
  DeleteApplication: { input: DeleteApplicationInput; output: DeleteApplicationOutput };
  DeleteApplicationCloudWatchLoggingOption: { input: DeleteApplicationCloudWatchLoggingOptionInput; output: DeleteApplicationCloudWatchLoggingOptionOutput };
  DeleteApplicationInputProcessingConfiguration: { input: DeleteApplicationInputProcessingConfigurationInput; output: DeleteApplicationInputProcessingConfigurationOutput };
  DeleteApplicationOutput: { input: DeleteApplicationOutputInput; output: DeleteApplicationOutputOutput };
  DeleteApplicationReferenceDataSource: { input: DeleteApplicationReferenceDataSourceInput; output: DeleteApplicationReferenceDataSourceOutput };
  DescribeApplication: { input: DescribeApplicationInput; output: DescribeApplicationOutput };
  DiscoverInputSchema: { input: DiscoverInputSchemaInput; output: DiscoverInputSchemaOutput };
  ListApplications: { input: ListApplicationsInput; output: ListApplicationsOutput };
  ListTagsForResource: { input: ListTagsForResourceInput; output: ListTagsForResourceOutput };
  StartApplication: { input: StartApplicationInput; output: StartApplicationOutput };
  StopApplication: { input: StopApplicationInput; output: StopApplicationOutput };
  TagResource: { input: TagResourceInput; output: TagResourceOutput };
  UntagResource: { input: UntagResourceInput; output: UntagResourceOutput };
  UpdateApplication: { input: UpdateApplicationInput; output: UpdateApplicationOutput };
};

export type AddApplicationCloudWatchLoggingOptionInput = AddApplicationCloudWatchLoggingOptionRequest;
export type AddApplicationCloudWatchLoggingOptionOutput = AddApplicationCloudWatchLoggingOptionResponse;
export type AddApplicationInputInput = AddApplicationInputRequest;
export type AddApplicationInputOutput = AddApplicationInputResponse;
export type AddApplicationInputProcessingConfigurationInput = AddApplicationInputProcessingConfigurationRequest;
export type AddApplicationInputProcessingConfigurationOutput = AddApplicationInputProcessingConfigurationResponse;
export type AddApplicationOutputInput = AddApplicationOutputRequest;
export type AddApplicationOutputOutput = AddApplicationOutputResponse;
export type AddApplicationReferenceDataSourceInput = AddApplicationReferenceDataSourceRequest;
export type AddApplicationReferenceDataSourceOutput = AddApplicationReferenceDataSourceResponse;
export type CreateApplicationInput = CreateApplicationRequest;
export type CreateApplicationOutput = CreateApplicationResponse;
export type DeleteApplicationInput = DeleteApplicationRequest;
export type DeleteApplicationOutput = DeleteApplicationResponse;
export type DeleteApplicationCloudWatchLoggingOptionInput = DeleteApplicationCloudWatchLoggingOptionRequest;
export type DeleteApplicationCloudWatchLoggingOptionOutput = DeleteApplicationCloudWatchLoggingOptionResponse;
export type DeleteApplicationInputProcessingConfigurationInput = DeleteApplicationInputProcessingConfigurationRequest;
export type DeleteApplicationInputProcessingConfigurationOutput = DeleteApplicationInputProcessingConfigurationResponse;
export type DeleteApplicationOutputInput = DeleteApplicationOutputRequest;
export type DeleteApplicationOutputOutput = DeleteApplicationOutputResponse;
export type DeleteApplicationReferenceDataSourceInput = DeleteApplicationReferenceDataSourceRequest;
export type DeleteApplicationReferenceDataSourceOutput = DeleteApplicationReferenceDataSourceResponse;
export type DescribeApplicationInput = DescribeApplicationRequest;
export type DescribeApplicationOutput = DescribeApplicationResponse;
export type DiscoverInputSchemaInput = DiscoverInputSchemaRequest;
export type DiscoverInputSchemaOutput = DiscoverInputSchemaResponse;
export type ListApplicationsInput = ListApplicationsRequest;
export type ListApplicationsOutput = ListApplicationsResponse;
export type ListTagsForResourceInput = ListTagsForResourceRequest;
export type ListTagsForResourceOutput = ListTagsForResourceResponse;
export type StartApplicationInput = StartApplicationRequest;
export type StartApplicationOutput = StartApplicationResponse;
export type StopApplicationInput = StopApplicationRequest;
export type StopApplicationOutput = StopApplicationResponse;
export type TagResourceInput = TagResourceRequest;
export type TagResourceOutput = TagResourceResponse;
export type UntagResourceInput = UntagResourceRequest;
export type UntagResourceOutput = UntagResourceResponse;
export type UpdateApplicationInput = UpdateApplicationRequest;
export type UpdateApplicationOutput = UpdateApplicationResponse;

export type AddApplicationCloudWatchLoggingOptionRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  CloudWatchLoggingOption: CloudWatchLoggingOption;
};

export type AddApplicationCloudWatchLoggingOptionResponse = { [key: string]: never };

export type AddApplicationInputProcessingConfigurationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  InputId: string;
  InputProcessingConfiguration: InputProcessingConfiguration;
};

export type AddApplicationInputProcessingConfigurationResponse = { [key: string]: never };

export type AddApplicationInputRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  Input: Input;
};

export type AddApplicationInputResponse = { [key: string]: never };

export type AddApplicationOutputRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  Output: Output;
};

export type AddApplicationOutputResponse = { [key: string]: never };

export type AddApplicationReferenceDataSourceRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  ReferenceDataSource: ReferenceDataSource;
};

export type AddApplicationReferenceDataSourceResponse = { [key: string]: never };

export type ApplicationDetail = {
  ApplicationName: string;
  ApplicationDescription?: string;
  ApplicationARN: string;
  ApplicationStatus: ApplicationStatus;
  CreateTimestamp?: Date;
  LastUpdateTimestamp?: Date;
  InputDescriptions?: InputDescription[];
  OutputDescriptions?: OutputDescription[];
  ReferenceDataSourceDescriptions?: ReferenceDataSourceDescription[];
  CloudWatchLoggingOptionDescriptions?: CloudWatchLoggingOptionDescription[];
  ApplicationCode?: string;
  ApplicationVersionId: number;
};

export type ApplicationStatus = "DELETING" | "STARTING" | "STOPPING" | "READY" | "RUNNING" | "UPDATING";

export type ApplicationSummary = {
  ApplicationName: string;
  ApplicationARN: string;
  ApplicationStatus: ApplicationStatus;
};

export type ApplicationUpdate = {
  InputUpdates?: InputUpdate[];
  ApplicationCodeUpdate?: string;
  OutputUpdates?: OutputUpdate[];
  ReferenceDataSourceUpdates?: ReferenceDataSourceUpdate[];
  CloudWatchLoggingOptionUpdates?: CloudWatchLoggingOptionUpdate[];
};

export type CSVMappingParameters = {
  RecordRowDelimiter: string;
  RecordColumnDelimiter: string;
};

export type CloudWatchLoggingOption = {
  LogStreamARN: string;
  RoleARN: string;
};

export type CloudWatchLoggingOptionDescription = {
  CloudWatchLoggingOptionId?: string;
  LogStreamARN: string;
  RoleARN: string;
};

export type CloudWatchLoggingOptionUpdate = {
  CloudWatchLoggingOptionId: string;
  LogStreamARNUpdate?: string;
  RoleARNUpdate?: string;
};

export type CreateApplicationRequest = {
  ApplicationName: string;
  ApplicationDescription?: string;
  Inputs?: Input[];
  Outputs?: Output[];
  CloudWatchLoggingOptions?: CloudWatchLoggingOption[];
  ApplicationCode?: string;
  Tags?: Tag[];
};

export type CreateApplicationResponse = {
  ApplicationSummary: ApplicationSummary;
};

export type DeleteApplicationCloudWatchLoggingOptionRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  CloudWatchLoggingOptionId: string;
};

export type DeleteApplicationCloudWatchLoggingOptionResponse = { [key: string]: never };

export type DeleteApplicationInputProcessingConfigurationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  InputId: string;
};

export type DeleteApplicationInputProcessingConfigurationResponse = { [key: string]: never };

export type DeleteApplicationOutputRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  OutputId: string;
};

export type DeleteApplicationOutputResponse = { [key: string]: never };

export type DeleteApplicationReferenceDataSourceRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  ReferenceId: string;
};

export type DeleteApplicationReferenceDataSourceResponse = { [key: string]: never };

export type DeleteApplicationRequest = {
  ApplicationName: string;
  CreateTimestamp: Date;
};

export type DeleteApplicationResponse = { [key: string]: never };

export type DescribeApplicationRequest = {
  ApplicationName: string;
};

export type DescribeApplicationResponse = {
  ApplicationDetail: ApplicationDetail;
};

export type DestinationSchema = {
  RecordFormatType: RecordFormatType;
};

export type DiscoverInputSchemaRequest = {
  ResourceARN?: string;
  RoleARN?: string;
  InputStartingPositionConfiguration?: InputStartingPositionConfiguration;
  S3Configuration?: S3Configuration;
  InputProcessingConfiguration?: InputProcessingConfiguration;
};

export type DiscoverInputSchemaResponse = {
  InputSchema?: SourceSchema;
  ParsedInputRecords?: string[][];
  ProcessedInputRecords?: string[];
  RawInputRecords?: string[];
};

export type Input = {
  NamePrefix: string;
  InputProcessingConfiguration?: InputProcessingConfiguration;
  KinesisStreamsInput?: KinesisStreamsInput;
  KinesisFirehoseInput?: KinesisFirehoseInput;
  InputParallelism?: InputParallelism;
  InputSchema: SourceSchema;
};

export type InputConfiguration = {
  Id: string;
  InputStartingPositionConfiguration: InputStartingPositionConfiguration;
};

export type InputDescription = {
  InputId?: string;
  NamePrefix?: string;
  InAppStreamNames?: string[];
  InputProcessingConfigurationDescription?: InputProcessingConfigurationDescription;
  KinesisStreamsInputDescription?: KinesisStreamsInputDescription;
  KinesisFirehoseInputDescription?: KinesisFirehoseInputDescription;
  InputSchema?: SourceSchema;
  InputParallelism?: InputParallelism;
  InputStartingPositionConfiguration?: InputStartingPositionConfiguration;
};

export type InputLambdaProcessor = {
  ResourceARN: string;
  RoleARN: string;
};

export type InputLambdaProcessorDescription = {
  ResourceARN?: string;
  RoleARN?: string;
};

export type InputLambdaProcessorUpdate = {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
};

export type InputParallelism = {
  Count?: number;
};

export type InputParallelismUpdate = {
  CountUpdate?: number;
};

export type InputProcessingConfiguration = {
  InputLambdaProcessor: InputLambdaProcessor;
};

export type InputProcessingConfigurationDescription = {
  InputLambdaProcessorDescription?: InputLambdaProcessorDescription;
};

export type InputProcessingConfigurationUpdate = {
  InputLambdaProcessorUpdate: InputLambdaProcessorUpdate;
};

export type InputSchemaUpdate = {
  RecordFormatUpdate?: RecordFormat;
  RecordEncodingUpdate?: string;
  RecordColumnUpdates?: RecordColumn[];
};

export type InputStartingPosition = "NOW" | "TRIM_HORIZON" | "LAST_STOPPED_POINT";

export type InputStartingPositionConfiguration = {
  InputStartingPosition?: InputStartingPosition;
};

export type InputUpdate = {
  InputId: string;
  NamePrefixUpdate?: string;
  InputProcessingConfigurationUpdate?: InputProcessingConfigurationUpdate;
  KinesisStreamsInputUpdate?: KinesisStreamsInputUpdate;
  KinesisFirehoseInputUpdate?: KinesisFirehoseInputUpdate;
  InputSchemaUpdate?: InputSchemaUpdate;
  InputParallelismUpdate?: InputParallelismUpdate;
};

export type JSONMappingParameters = {
  RecordRowPath: string;
};

export type KinesisFirehoseInput = {
  ResourceARN: string;
  RoleARN: string;
};

export type KinesisFirehoseInputDescription = {
  ResourceARN?: string;
  RoleARN?: string;
};

export type KinesisFirehoseInputUpdate = {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
};

export type KinesisFirehoseOutput = {
  ResourceARN: string;
  RoleARN: string;
};

export type KinesisFirehoseOutputDescription = {
  ResourceARN?: string;
  RoleARN?: string;
};

export type KinesisFirehoseOutputUpdate = {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
};

export type KinesisStreamsInput = {
  ResourceARN: string;
  RoleARN: string;
};

export type KinesisStreamsInputDescription = {
  ResourceARN?: string;
  RoleARN?: string;
};

export type KinesisStreamsInputUpdate = {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
};

export type KinesisStreamsOutput = {
  ResourceARN: string;
  RoleARN: string;
};

export type KinesisStreamsOutputDescription = {
  ResourceARN?: string;
  RoleARN?: string;
};

export type KinesisStreamsOutputUpdate = {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
};

export type LambdaOutput = {
  ResourceARN: string;
  RoleARN: string;
};

export type LambdaOutputDescription = {
  ResourceARN?: string;
  RoleARN?: string;
};

export type LambdaOutputUpdate = {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
};

export type ListApplicationsRequest = {
  Limit?: number;
  ExclusiveStartApplicationName?: string;
};

export type ListApplicationsResponse = {
  ApplicationSummaries: ApplicationSummary[];
  HasMoreApplications: boolean;
};

export type ListTagsForResourceRequest = {
  ResourceARN: string;
};

export type ListTagsForResourceResponse = {
  Tags?: Tag[];
};

export type MappingParameters = {
  JSONMappingParameters?: JSONMappingParameters;
  CSVMappingParameters?: CSVMappingParameters;
};

export type Output = {
  Name: string;
  KinesisStreamsOutput?: KinesisStreamsOutput;
  KinesisFirehoseOutput?: KinesisFirehoseOutput;
  LambdaOutput?: LambdaOutput;
  DestinationSchema: DestinationSchema;
};

export type OutputDescription = {
  OutputId?: string;
  Name?: string;
  KinesisStreamsOutputDescription?: KinesisStreamsOutputDescription;
  KinesisFirehoseOutputDescription?: KinesisFirehoseOutputDescription;
  LambdaOutputDescription?: LambdaOutputDescription;
  DestinationSchema?: DestinationSchema;
};

export type OutputUpdate = {
  OutputId: string;
  NameUpdate?: string;
  KinesisStreamsOutputUpdate?: KinesisStreamsOutputUpdate;
  KinesisFirehoseOutputUpdate?: KinesisFirehoseOutputUpdate;
  LambdaOutputUpdate?: LambdaOutputUpdate;
  DestinationSchemaUpdate?: DestinationSchema;
};

export type RecordColumn = {
  Name: string;
  Mapping?: string;
  SqlType: string;
};

export type RecordFormat = {
  RecordFormatType: RecordFormatType;
  MappingParameters?: MappingParameters;
};

export type RecordFormatType = "JSON" | "CSV";

export type ReferenceDataSource = {
  TableName: string;
  S3ReferenceDataSource?: S3ReferenceDataSource;
  ReferenceSchema: SourceSchema;
};

export type ReferenceDataSourceDescription = {
  ReferenceId: string;
  TableName: string;
  S3ReferenceDataSourceDescription: S3ReferenceDataSourceDescription;
  ReferenceSchema?: SourceSchema;
};

export type ReferenceDataSourceUpdate = {
  ReferenceId: string;
  TableNameUpdate?: string;
  S3ReferenceDataSourceUpdate?: S3ReferenceDataSourceUpdate;
  ReferenceSchemaUpdate?: SourceSchema;
};

export type S3Configuration = {
  RoleARN: string;
  BucketARN: string;
  FileKey: string;
};

export type S3ReferenceDataSource = {
  BucketARN: string;
  FileKey: string;
  ReferenceRoleARN: string;
};

export type S3ReferenceDataSourceDescription = {
  BucketARN: string;
  FileKey: string;
  ReferenceRoleARN: string;
};

export type S3ReferenceDataSourceUpdate = {
  BucketARNUpdate?: string;
  FileKeyUpdate?: string;
  ReferenceRoleARNUpdate?: string;
};

export type SourceSchema = {
  RecordFormat: RecordFormat;
  RecordEncoding?: string;
  RecordColumns: RecordColumn[];
};

export type StartApplicationRequest = {
  ApplicationName: string;
  InputConfigurations: InputConfiguration[];
};

export type StartApplicationResponse = { [key: string]: never };

export type StopApplicationRequest = {
  ApplicationName: string;
};

export type StopApplicationResponse = { [key: string]: never };

export type Tag = {
  Key: string;
  Value?: string;
};

export type TagResourceRequest = {
  ResourceARN: string;
  Tags: Tag[];
};

export type TagResourceResponse = { [key: string]: never };

export type UntagResourceRequest = {
  ResourceARN: string;
  TagKeys: string[];
};

export type UntagResourceResponse = { [key: string]: never };

export type UpdateApplicationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  ApplicationUpdate: ApplicationUpdate;
};

export type UpdateApplicationResponse = { [key: string]: never };
