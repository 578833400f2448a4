// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/kinesisanalyticsv2-2018-05-23.json (Amazon Kinesis Analytics, API 2018-05-23, AWS JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BlobShape, BooleanShape, InputShape, ListShape, MapShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $ApplicationName: StringShape = { type: "string", min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ApplicationVersionId: NumberShape = { type: "long", min: 1, max: 999999999 };
const $LogStreamARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $CloudWatchLoggingOption: StructureShape = { type: "structure", name: "CloudWatchLoggingOption", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CloudWatchLoggingOption", members: [{ name: "LogStreamARN", shape: $LogStreamARN, required: true }] };
const $ConditionalToken: StringShape = { type: "string", min: 1, max: 512, pattern: "[a-zA-Z0-9-_+/=]+", regex: new RegExp("^(?:[a-zA-Z0-9-_+/=]+)$", "u") };
const $AddApplicationCloudWatchLoggingOptionRequest: StructureShape = { type: "structure", name: "AddApplicationCloudWatchLoggingOptionRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.AddApplicationCloudWatchLoggingOptionRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId }, { name: "CloudWatchLoggingOption", shape: $CloudWatchLoggingOption, required: true }, { name: "ConditionalToken", shape: $ConditionalToken }] };
const $InAppStreamName: StringShape = { type: "string", min: 1, max: 32, pattern: "[^-\\s<>&]*", regex: new RegExp("^(?:[^- \\t\\n\\x0B\\f\\r<>&]*)$", "u") };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $InputLambdaProcessor: StructureShape = { type: "structure", name: "InputLambdaProcessor", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputLambdaProcessor", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }] };
const $InputProcessingConfiguration: StructureShape = { type: "structure", name: "InputProcessingConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputProcessingConfiguration", members: [{ name: "InputLambdaProcessor", shape: $InputLambdaProcessor, required: true }] };
const $KinesisStreamsInput: StructureShape = { type: "structure", name: "KinesisStreamsInput", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisStreamsInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }] };
const $KinesisFirehoseInput: StructureShape = { type: "structure", name: "KinesisFirehoseInput", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisFirehoseInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }] };
const $InputParallelismCount: NumberShape = { type: "integer", min: 1, max: 64 };
const $InputParallelism: StructureShape = { type: "structure", name: "InputParallelism", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputParallelism", members: [{ name: "Count", shape: $InputParallelismCount }] };
const $RecordFormatType: StringShape = { type: "string", enum: ["JSON","CSV"] };
const $RecordRowPath: StringShape = { type: "string", min: 1, max: 65535, pattern: "^(?=^\\$)(?=^\\S+$).*$", regex: new RegExp("^(?:^(?=^\\$)(?=^[^ \\t\\n\\x0B\\f\\r]+$)[^\\n\\r\\u0085\\u2028\\u2029]*$)$", "u") };
const $JSONMappingParameters: StructureShape = { type: "structure", name: "JSONMappingParameters", javaClass: "com.amazonaws.kinesisanalytics.v20180523.JSONMappingParameters", members: [{ name: "RecordRowPath", shape: $RecordRowPath, required: true }] };
const $RecordRowDelimiter: StringShape = { type: "string", min: 1, max: 1024 };
const $RecordColumnDelimiter: StringShape = { type: "string", min: 1, max: 1024 };
const $CSVMappingParameters: StructureShape = { type: "structure", name: "CSVMappingParameters", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CSVMappingParameters", members: [{ name: "RecordRowDelimiter", shape: $RecordRowDelimiter, required: true }, { name: "RecordColumnDelimiter", shape: $RecordColumnDelimiter, required: true }] };
const $MappingParameters: StructureShape = { type: "structure", name: "MappingParameters", javaClass: "com.amazonaws.kinesisanalytics.v20180523.MappingParameters", members: [{ name: "JSONMappingParameters", shape: $JSONMappingParameters }, { name: "CSVMappingParameters", shape: $CSVMappingParameters }] };
const $RecordFormat: StructureShape = { type: "structure", name: "RecordFormat", javaClass: "com.amazonaws.kinesisanalytics.v20180523.RecordFormat", members: [{ name: "RecordFormatType", shape: $RecordFormatType, required: true }, { name: "MappingParameters", shape: $MappingParameters }] };
const $RecordEncoding: StringShape = { type: "string", min: 5, max: 5, pattern: "UTF-8", regex: new RegExp("^(?:UTF-8)$", "u") };
const $RecordColumnName: StringShape = { type: "string", min: 1, max: 256, pattern: "[^-\\s<>&]*", regex: new RegExp("^(?:[^- \\t\\n\\x0B\\f\\r<>&]*)$", "u") };
const $RecordColumnMapping: StringShape = { type: "string", min: 0, max: 65535 };
const $RecordColumnSqlType: StringShape = { type: "string", min: 1, max: 100 };
const $RecordColumn: StructureShape = { type: "structure", name: "RecordColumn", javaClass: "com.amazonaws.kinesisanalytics.v20180523.RecordColumn", members: [{ name: "Name", shape: $RecordColumnName, required: true }, { name: "Mapping", shape: $RecordColumnMapping }, { name: "SqlType", shape: $RecordColumnSqlType, required: true }] };
const $RecordColumns: ListShape = { type: "list", member: $RecordColumn, min: 1, max: 1000 };
const $SourceSchema: StructureShape = { type: "structure", name: "SourceSchema", javaClass: "com.amazonaws.kinesisanalytics.v20180523.SourceSchema", members: [{ name: "RecordFormat", shape: $RecordFormat, required: true }, { name: "RecordEncoding", shape: $RecordEncoding }, { name: "RecordColumns", shape: $RecordColumns, required: true }] };
const $Input: StructureShape = { type: "structure", name: "Input", javaClass: "com.amazonaws.kinesisanalytics.v20180523.Input", members: [{ name: "NamePrefix", shape: $InAppStreamName, required: true }, { name: "InputProcessingConfiguration", shape: $InputProcessingConfiguration }, { name: "KinesisStreamsInput", shape: $KinesisStreamsInput }, { name: "KinesisFirehoseInput", shape: $KinesisFirehoseInput }, { name: "InputParallelism", shape: $InputParallelism }, { name: "InputSchema", shape: $SourceSchema, required: true }] };
const $AddApplicationInputRequest: StructureShape = { type: "structure", name: "AddApplicationInputRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.AddApplicationInputRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "Input", shape: $Input, required: true }] };
const $Id: StringShape = { type: "string", min: 1, max: 50, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $AddApplicationInputProcessingConfigurationRequest: StructureShape = { type: "structure", name: "AddApplicationInputProcessingConfigurationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.AddApplicationInputProcessingConfigurationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "InputId", shape: $Id, required: true }, { name: "InputProcessingConfiguration", shape: $InputProcessingConfiguration, required: true }] };
const $KinesisStreamsOutput: StructureShape = { type: "structure", name: "KinesisStreamsOutput", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisStreamsOutput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }] };
const $KinesisFirehoseOutput: StructureShape = { type: "structure", name: "KinesisFirehoseOutput", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisFirehoseOutput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }] };
const $LambdaOutput: StructureShape = { type: "structure", name: "LambdaOutput", javaClass: "com.amazonaws.kinesisanalytics.v20180523.LambdaOutput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }] };
const $DestinationSchema: StructureShape = { type: "structure", name: "DestinationSchema", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DestinationSchema", members: [{ name: "RecordFormatType", shape: $RecordFormatType, required: true }] };
const $Output: StructureShape = { type: "structure", name: "Output", javaClass: "com.amazonaws.kinesisanalytics.v20180523.Output", members: [{ name: "Name", shape: $InAppStreamName, required: true }, { name: "KinesisStreamsOutput", shape: $KinesisStreamsOutput }, { name: "KinesisFirehoseOutput", shape: $KinesisFirehoseOutput }, { name: "LambdaOutput", shape: $LambdaOutput }, { name: "DestinationSchema", shape: $DestinationSchema, required: true }] };
const $AddApplicationOutputRequest: StructureShape = { type: "structure", name: "AddApplicationOutputRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.AddApplicationOutputRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "Output", shape: $Output, required: true }] };
const $InAppTableName: StringShape = { type: "string", min: 1, max: 32 };
const $BucketARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $FileKey: StringShape = { type: "string", min: 1, max: 1024 };
const $S3ReferenceDataSource: StructureShape = { type: "structure", name: "S3ReferenceDataSource", javaClass: "com.amazonaws.kinesisanalytics.v20180523.S3ReferenceDataSource", members: [{ name: "BucketARN", shape: $BucketARN }, { name: "FileKey", shape: $FileKey }] };
const $ReferenceDataSource: StructureShape = { type: "structure", name: "ReferenceDataSource", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ReferenceDataSource", members: [{ name: "TableName", shape: $InAppTableName, required: true }, { name: "S3ReferenceDataSource", shape: $S3ReferenceDataSource }, { name: "ReferenceSchema", shape: $SourceSchema, required: true }] };
const $AddApplicationReferenceDataSourceRequest: StructureShape = { type: "structure", name: "AddApplicationReferenceDataSourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.AddApplicationReferenceDataSourceRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "ReferenceDataSource", shape: $ReferenceDataSource, required: true }] };
const $SubnetId: StringShape = { type: "string" };
const $SubnetIds: ListShape = { type: "list", member: $SubnetId, min: 1, max: 16 };
const $SecurityGroupId: StringShape = { type: "string" };
const $SecurityGroupIds: ListShape = { type: "list", member: $SecurityGroupId, min: 1, max: 5 };
const $VpcConfiguration: StructureShape = { type: "structure", name: "VpcConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.VpcConfiguration", members: [{ name: "SubnetIds", shape: $SubnetIds, required: true }, { name: "SecurityGroupIds", shape: $SecurityGroupIds, required: true }] };
const $AddApplicationVpcConfigurationRequest: StructureShape = { type: "structure", name: "AddApplicationVpcConfigurationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.AddApplicationVpcConfigurationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId }, { name: "VpcConfiguration", shape: $VpcConfiguration, required: true }, { name: "ConditionalToken", shape: $ConditionalToken }] };
const $ApplicationDescription: StringShape = { type: "string", min: 0, max: 1024 };
const $RuntimeEnvironment: StringShape = { type: "string", enum: ["SQL-1_0","FLINK-1_6","FLINK-1_8","ZEPPELIN-FLINK-1_0","FLINK-1_11","FLINK-1_13","ZEPPELIN-FLINK-2_0","FLINK-1_15","ZEPPELIN-FLINK-3_0","FLINK-1_18","FLINK-1_19","FLINK-1_20","FLINK-2_2"] };
const $RoleARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $Inputs: ListShape = { type: "list", member: $Input };
const $Outputs: ListShape = { type: "list", member: $Output };
const $ReferenceDataSources: ListShape = { type: "list", member: $ReferenceDataSource };
const $SqlApplicationConfiguration: StructureShape = { type: "structure", name: "SqlApplicationConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.SqlApplicationConfiguration", members: [{ name: "Inputs", shape: $Inputs }, { name: "Outputs", shape: $Outputs }, { name: "ReferenceDataSources", shape: $ReferenceDataSources }] };
const $ConfigurationType: StringShape = { type: "string", enum: ["DEFAULT","CUSTOM"] };
const $BooleanObject: BooleanShape = { type: "boolean" };
const $CheckpointInterval: NumberShape = { type: "long", min: 1 };
const $MinPauseBetweenCheckpoints: NumberShape = { type: "long", min: 0 };
const $CheckpointConfiguration: StructureShape = { type: "structure", name: "CheckpointConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CheckpointConfiguration", members: [{ name: "ConfigurationType", shape: $ConfigurationType, required: true }, { name: "CheckpointingEnabled", shape: $BooleanObject }, { name: "CheckpointInterval", shape: $CheckpointInterval }, { name: "MinPauseBetweenCheckpoints", shape: $MinPauseBetweenCheckpoints }] };
const $MetricsLevel: StringShape = { type: "string", enum: ["APPLICATION","TASK","OPERATOR","PARALLELISM"] };
const $LogLevel: StringShape = { type: "string", enum: ["INFO","WARN","ERROR","DEBUG"] };
const $MonitoringConfiguration: StructureShape = { type: "structure", name: "MonitoringConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.MonitoringConfiguration", members: [{ name: "ConfigurationType", shape: $ConfigurationType, required: true }, { name: "MetricsLevel", shape: $MetricsLevel }, { name: "LogLevel", shape: $LogLevel }] };
const $Parallelism: NumberShape = { type: "integer", min: 1 };
const $ParallelismPerKPU: NumberShape = { type: "integer", min: 1 };
const $ParallelismConfiguration: StructureShape = { type: "structure", name: "ParallelismConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ParallelismConfiguration", members: [{ name: "ConfigurationType", shape: $ConfigurationType, required: true }, { name: "Parallelism", shape: $Parallelism }, { name: "ParallelismPerKPU", shape: $ParallelismPerKPU }, { name: "AutoScalingEnabled", shape: $BooleanObject }] };
const $FlinkApplicationConfiguration: StructureShape = { type: "structure", name: "FlinkApplicationConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.FlinkApplicationConfiguration", members: [{ name: "CheckpointConfiguration", shape: $CheckpointConfiguration }, { name: "MonitoringConfiguration", shape: $MonitoringConfiguration }, { name: "ParallelismConfiguration", shape: $ParallelismConfiguration }] };
const $PropertyKey: StringShape = { type: "string", min: 1, max: 2048 };
const $PropertyValue: StringShape = { type: "string", min: 1, max: 2048 };
const $PropertyMap: MapShape = { type: "map", key: $PropertyKey, value: $PropertyValue, min: 1, max: 50 };
const $PropertyGroup: StructureShape = { type: "structure", name: "PropertyGroup", javaClass: "com.amazonaws.kinesisanalytics.v20180523.PropertyGroup", members: [{ name: "PropertyGroupId", shape: $Id, required: true }, { name: "PropertyMap", shape: $PropertyMap, required: true }] };
const $PropertyGroups: ListShape = { type: "list", member: $PropertyGroup, max: 50 };
const $EnvironmentProperties: StructureShape = { type: "structure", name: "EnvironmentProperties", javaClass: "com.amazonaws.kinesisanalytics.v20180523.EnvironmentProperties", members: [{ name: "PropertyGroups", shape: $PropertyGroups, required: true }] };
const $TextContent: StringShape = { type: "string", min: 0, max: 102400 };
const $ZipFileContent: BlobShape = { type: "blob", min: 0, max: 52428800 };
const $ObjectVersion: StringShape = { type: "string", min: 0, max: 1024 };
const $S3ContentLocation: StructureShape = { type: "structure", name: "S3ContentLocation", javaClass: "com.amazonaws.kinesisanalytics.v20180523.S3ContentLocation", members: [{ name: "BucketARN", shape: $BucketARN, required: true }, { name: "FileKey", shape: $FileKey, required: true }, { name: "ObjectVersion", shape: $ObjectVersion }] };
const $CodeContent: StructureShape = { type: "structure", name: "CodeContent", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CodeContent", members: [{ name: "TextContent", shape: $TextContent }, { name: "ZipFileContent", shape: $ZipFileContent }, { name: "S3ContentLocation", shape: $S3ContentLocation }] };
const $CodeContentType: StringShape = { type: "string", enum: ["PLAINTEXT","ZIPFILE"] };
const $ApplicationCodeConfiguration: StructureShape = { type: "structure", name: "ApplicationCodeConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationCodeConfiguration", members: [{ name: "CodeContent", shape: $CodeContent }, { name: "CodeContentType", shape: $CodeContentType, required: true }] };
const $ApplicationSnapshotConfiguration: StructureShape = { type: "structure", name: "ApplicationSnapshotConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationSnapshotConfiguration", members: [{ name: "SnapshotsEnabled", shape: $BooleanObject, required: true }] };
const $ApplicationSystemRollbackConfiguration: StructureShape = { type: "structure", name: "ApplicationSystemRollbackConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationSystemRollbackConfiguration", members: [{ name: "RollbackEnabled", shape: $BooleanObject, required: true }] };
const $VpcConfigurations: ListShape = { type: "list", member: $VpcConfiguration };
const $ZeppelinMonitoringConfiguration: StructureShape = { type: "structure", name: "ZeppelinMonitoringConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ZeppelinMonitoringConfiguration", members: [{ name: "LogLevel", shape: $LogLevel, required: true }] };
const $DatabaseARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $GlueDataCatalogConfiguration: StructureShape = { type: "structure", name: "GlueDataCatalogConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.GlueDataCatalogConfiguration", members: [{ name: "DatabaseARN", shape: $DatabaseARN, required: true }] };
const $CatalogConfiguration: StructureShape = { type: "structure", name: "CatalogConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CatalogConfiguration", members: [{ name: "GlueDataCatalogConfiguration", shape: $GlueDataCatalogConfiguration, required: true }] };
const $BasePath: StringShape = { type: "string", min: 1, max: 1024, pattern: "[a-zA-Z0-9/!-_.*'()]+", regex: new RegExp("^(?:[a-zA-Z0-9/!-_.*'()]+)$", "u") };
const $S3ContentBaseLocation: StructureShape = { type: "structure", name: "S3ContentBaseLocation", javaClass: "com.amazonaws.kinesisanalytics.v20180523.S3ContentBaseLocation", members: [{ name: "BucketARN", shape: $BucketARN, required: true }, { name: "BasePath", shape: $BasePath }] };
const $DeployAsApplicationConfiguration: StructureShape = { type: "structure", name: "DeployAsApplicationConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeployAsApplicationConfiguration", members: [{ name: "S3ContentLocation", shape: $S3ContentBaseLocation, required: true }] };
const $ArtifactType: StringShape = { type: "string", enum: ["UDF","DEPENDENCY_JAR"] };
const $MavenGroupId: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $MavenArtifactId: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $MavenVersion: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $MavenReference: StructureShape = { type: "structure", name: "MavenReference", javaClass: "com.amazonaws.kinesisanalytics.v20180523.MavenReference", members: [{ name: "GroupId", shape: $MavenGroupId, required: true }, { name: "ArtifactId", shape: $MavenArtifactId, required: true }, { name: "Version", shape: $MavenVersion, required: true }] };
const $CustomArtifactConfiguration: StructureShape = { type: "structure", name: "CustomArtifactConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CustomArtifactConfiguration", members: [{ name: "ArtifactType", shape: $ArtifactType, required: true }, { name: "S3ContentLocation", shape: $S3ContentLocation }, { name: "MavenReference", shape: $MavenReference }] };
const $CustomArtifactsConfigurationList: ListShape = { type: "list", member: $CustomArtifactConfiguration, max: 50 };
const $ZeppelinApplicationConfiguration: StructureShape = { type: "structure", name: "ZeppelinApplicationConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ZeppelinApplicationConfiguration", members: [{ name: "MonitoringConfiguration", shape: $ZeppelinMonitoringConfiguration }, { name: "CatalogConfiguration", shape: $CatalogConfiguration }, { name: "DeployAsApplicationConfiguration", shape: $DeployAsApplicationConfiguration }, { name: "CustomArtifactsConfiguration", shape: $CustomArtifactsConfigurationList }] };
const $KeyId: StringShape = { type: "string", min: 1, max: 2048 };
const $KeyType: StringShape = { type: "string", enum: ["AWS_OWNED_KEY","CUSTOMER_MANAGED_KEY"] };
const $ApplicationEncryptionConfiguration: StructureShape = { type: "structure", name: "ApplicationEncryptionConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationEncryptionConfiguration", members: [{ name: "KeyId", shape: $KeyId }, { name: "KeyType", shape: $KeyType, required: true }] };
const $ApplicationConfiguration: StructureShape = { type: "structure", name: "ApplicationConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationConfiguration", members: [{ name: "SqlApplicationConfiguration", shape: $SqlApplicationConfiguration }, { name: "FlinkApplicationConfiguration", shape: $FlinkApplicationConfiguration }, { name: "EnvironmentProperties", shape: $EnvironmentProperties }, { name: "ApplicationCodeConfiguration", shape: $ApplicationCodeConfiguration }, { name: "ApplicationSnapshotConfiguration", shape: $ApplicationSnapshotConfiguration }, { name: "ApplicationSystemRollbackConfiguration", shape: $ApplicationSystemRollbackConfiguration }, { name: "VpcConfigurations", shape: $VpcConfigurations }, { name: "ZeppelinApplicationConfiguration", shape: $ZeppelinApplicationConfiguration }, { name: "ApplicationEncryptionConfiguration", shape: $ApplicationEncryptionConfiguration }] };
const $CloudWatchLoggingOptions: ListShape = { type: "list", member: $CloudWatchLoggingOption };
const $TagKey: StringShape = { type: "string", min: 1, max: 128 };
const $TagValue: StringShape = { type: "string", min: 0, max: 256 };
const $Tag: StructureShape = { type: "structure", name: "Tag", javaClass: "com.amazonaws.kinesisanalytics.v20180523.Tag", members: [{ name: "Key", shape: $TagKey, required: true }, { name: "Value", shape: $TagValue }] };
const $Tags: ListShape = { type: "list", member: $Tag, min: 1, max: 200 };
const $ApplicationMode: StringShape = { type: "string", enum: ["STREAMING","INTERACTIVE"] };
const $CreateApplicationRequest: StructureShape = { type: "structure", name: "CreateApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CreateApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "ApplicationDescription", shape: $ApplicationDescription }, { name: "RuntimeEnvironment", shape: $RuntimeEnvironment, required: true }, { name: "ServiceExecutionRole", shape: $RoleARN, required: true }, { name: "ApplicationConfiguration", shape: $ApplicationConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "Tags", shape: $Tags }, { name: "ApplicationMode", shape: $ApplicationMode }] };
const $UrlType: StringShape = { type: "string", enum: ["FLINK_DASHBOARD_URL","ZEPPELIN_UI_URL"] };
const $SessionExpirationDurationInSeconds: NumberShape = { type: "long", min: 1800, max: 43200 };
const $CreateApplicationPresignedUrlRequest: StructureShape = { type: "structure", name: "CreateApplicationPresignedUrlRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CreateApplicationPresignedUrlRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "UrlType", shape: $UrlType, required: true }, { name: "SessionExpirationDurationInSeconds", shape: $SessionExpirationDurationInSeconds }] };
const $SnapshotName: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $CreateApplicationSnapshotRequest: StructureShape = { type: "structure", name: "CreateApplicationSnapshotRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CreateApplicationSnapshotRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "SnapshotName", shape: $SnapshotName, required: true }] };
const $Timestamp: TimestampShape = { type: "timestamp" };
const $DeleteApplicationRequest: StructureShape = { type: "structure", name: "DeleteApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeleteApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CreateTimestamp", shape: $Timestamp, required: true }] };
const $DeleteApplicationCloudWatchLoggingOptionRequest: StructureShape = { type: "structure", name: "DeleteApplicationCloudWatchLoggingOptionRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeleteApplicationCloudWatchLoggingOptionRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId }, { name: "CloudWatchLoggingOptionId", shape: $Id, required: true }, { name: "ConditionalToken", shape: $ConditionalToken }] };
const $DeleteApplicationInputProcessingConfigurationRequest: StructureShape = { type: "structure", name: "DeleteApplicationInputProcessingConfigurationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeleteApplicationInputProcessingConfigurationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "InputId", shape: $Id, required: true }] };
const $DeleteApplicationOutputRequest: StructureShape = { type: "structure", name: "DeleteApplicationOutputRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeleteApplicationOutputRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "OutputId", shape: $Id, required: true }] };
const $DeleteApplicationReferenceDataSourceRequest: StructureShape = { type: "structure", name: "DeleteApplicationReferenceDataSourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeleteApplicationReferenceDataSourceRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }, { name: "ReferenceId", shape: $Id, required: true }] };
const $DeleteApplicationSnapshotRequest: StructureShape = { type: "structure", name: "DeleteApplicationSnapshotRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeleteApplicationSnapshotRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "SnapshotName", shape: $SnapshotName, required: true }, { name: "SnapshotCreationTimestamp", shape: $Timestamp, required: true }] };
const $DeleteApplicationVpcConfigurationRequest: StructureShape = { type: "structure", name: "DeleteApplicationVpcConfigurationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeleteApplicationVpcConfigurationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId }, { name: "VpcConfigurationId", shape: $Id, required: true }, { name: "ConditionalToken", shape: $ConditionalToken }] };
const $DescribeApplicationRequest: StructureShape = { type: "structure", name: "DescribeApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DescribeApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "IncludeAdditionalDetails", shape: $BooleanObject }] };
const $OperationId: StringShape = { type: "string", min: 1, max: 64 };
const $DescribeApplicationOperationRequest: StructureShape = { type: "structure", name: "DescribeApplicationOperationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DescribeApplicationOperationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "OperationId", shape: $OperationId, required: true }] };
const $DescribeApplicationSnapshotRequest: StructureShape = { type: "structure", name: "DescribeApplicationSnapshotRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DescribeApplicationSnapshotRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "SnapshotName", shape: $SnapshotName, required: true }] };
const $DescribeApplicationVersionRequest: StructureShape = { type: "structure", name: "DescribeApplicationVersionRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DescribeApplicationVersionRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "ApplicationVersionId", shape: $ApplicationVersionId, required: true }] };
const $InputStartingPosition: StringShape = { type: "string", enum: ["NOW","TRIM_HORIZON","LAST_STOPPED_POINT"] };
const $InputStartingPositionConfiguration: StructureShape = { type: "structure", name: "InputStartingPositionConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputStartingPositionConfiguration", members: [{ name: "InputStartingPosition", shape: $InputStartingPosition }] };
const $S3Configuration: StructureShape = { type: "structure", name: "S3Configuration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.S3Configuration", members: [{ name: "BucketARN", shape: $BucketARN, required: true }, { name: "FileKey", shape: $FileKey, required: true }] };
const $DiscoverInputSchemaRequest: StructureShape = { type: "structure", name: "DiscoverInputSchemaRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DiscoverInputSchemaRequest", members: [{ name: "ResourceARN", shape: $ResourceARN }, { name: "ServiceExecutionRole", shape: $RoleARN, required: true }, { name: "InputStartingPositionConfiguration", shape: $InputStartingPositionConfiguration }, { name: "S3Configuration", shape: $S3Configuration }, { name: "InputProcessingConfiguration", shape: $InputProcessingConfiguration }] };
const $ListApplicationOperationsInputLimit: NumberShape = { type: "integer", min: 1, max: 50 };
const $NextToken: StringShape = { type: "string", min: 1, max: 512 };
const $Operation: StringShape = { type: "string", min: 1, max: 64 };
const $OperationStatus: StringShape = { type: "string", enum: ["IN_PROGRESS","CANCELLED","SUCCESSFUL","FAILED"] };
const $ListApplicationOperationsRequest: StructureShape = { type: "structure", name: "ListApplicationOperationsRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ListApplicationOperationsRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "Limit", shape: $ListApplicationOperationsInputLimit }, { name: "NextToken", shape: $NextToken }, { name: "Operation", shape: $Operation }, { name: "OperationStatus", shape: $OperationStatus }] };
const $ListSnapshotsInputLimit: NumberShape = { type: "integer", min: 1, max: 50 };
const $ListApplicationSnapshotsRequest: StructureShape = { type: "structure", name: "ListApplicationSnapshotsRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ListApplicationSnapshotsRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "Limit", shape: $ListSnapshotsInputLimit }, { name: "NextToken", shape: $NextToken }] };
const $ListApplicationVersionsInputLimit: NumberShape = { type: "integer", min: 1, max: 50 };
const $ListApplicationVersionsRequest: StructureShape = { type: "structure", name: "ListApplicationVersionsRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ListApplicationVersionsRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "Limit", shape: $ListApplicationVersionsInputLimit }, { name: "NextToken", shape: $NextToken }] };
const $ListApplicationsInputLimit: NumberShape = { type: "integer", min: 1, max: 50 };
const $ListApplicationsRequest: StructureShape = { type: "structure", name: "ListApplicationsRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ListApplicationsRequest", members: [{ name: "Limit", shape: $ListApplicationsInputLimit }, { name: "NextToken", shape: $ApplicationName }] };
const $KinesisAnalyticsARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $ListTagsForResourceRequest: StructureShape = { type: "structure", name: "ListTagsForResourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ListTagsForResourceRequest", members: [{ name: "ResourceARN", shape: $KinesisAnalyticsARN, required: true }] };
const $RollbackApplicationRequest: StructureShape = { type: "structure", name: "RollbackApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.RollbackApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId, required: true }] };
const $FlinkRunConfiguration: StructureShape = { type: "structure", name: "FlinkRunConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.FlinkRunConfiguration", members: [{ name: "AllowNonRestoredState", shape: $BooleanObject }] };
const $SqlRunConfiguration: StructureShape = { type: "structure", name: "SqlRunConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.SqlRunConfiguration", members: [{ name: "InputId", shape: $Id, required: true }, { name: "InputStartingPositionConfiguration", shape: $InputStartingPositionConfiguration, required: true }] };
const $SqlRunConfigurations: ListShape = { type: "list", member: $SqlRunConfiguration };
const $ApplicationRestoreType: StringShape = { type: "string", enum: ["SKIP_RESTORE_FROM_SNAPSHOT","RESTORE_FROM_LATEST_SNAPSHOT","RESTORE_FROM_CUSTOM_SNAPSHOT"] };
const $ApplicationRestoreConfiguration: StructureShape = { type: "structure", name: "ApplicationRestoreConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationRestoreConfiguration", members: [{ name: "ApplicationRestoreType", shape: $ApplicationRestoreType, required: true }, { name: "SnapshotName", shape: $SnapshotName }] };
const $RunConfiguration: StructureShape = { type: "structure", name: "RunConfiguration", javaClass: "com.amazonaws.kinesisanalytics.v20180523.RunConfiguration", members: [{ name: "FlinkRunConfiguration", shape: $FlinkRunConfiguration }, { name: "SqlRunConfigurations", shape: $SqlRunConfigurations }, { name: "ApplicationRestoreConfiguration", shape: $ApplicationRestoreConfiguration }] };
const $StartApplicationRequest: StructureShape = { type: "structure", name: "StartApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.StartApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "RunConfiguration", shape: $RunConfiguration }] };
const $StopApplicationRequest: StructureShape = { type: "structure", name: "StopApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.StopApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "Force", shape: $BooleanObject }] };
const $TagResourceRequest: StructureShape = { type: "structure", name: "TagResourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.TagResourceRequest", members: [{ name: "ResourceARN", shape: $KinesisAnalyticsARN, required: true }, { name: "Tags", shape: $Tags, required: true }] };
const $TagKeys: ListShape = { type: "list", member: $TagKey, min: 1, max: 200 };
const $UntagResourceRequest: StructureShape = { type: "structure", name: "UntagResourceRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.UntagResourceRequest", members: [{ name: "ResourceARN", shape: $KinesisAnalyticsARN, required: true }, { name: "TagKeys", shape: $TagKeys, required: true }] };
const $InputLambdaProcessorUpdate: StructureShape = { type: "structure", name: "InputLambdaProcessorUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputLambdaProcessorUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN, required: true }] };
const $InputProcessingConfigurationUpdate: StructureShape = { type: "structure", name: "InputProcessingConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputProcessingConfigurationUpdate", members: [{ name: "InputLambdaProcessorUpdate", shape: $InputLambdaProcessorUpdate, required: true }] };
const $KinesisStreamsInputUpdate: StructureShape = { type: "structure", name: "KinesisStreamsInputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisStreamsInputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN, required: true }] };
const $KinesisFirehoseInputUpdate: StructureShape = { type: "structure", name: "KinesisFirehoseInputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisFirehoseInputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN, required: true }] };
const $InputSchemaUpdate: StructureShape = { type: "structure", name: "InputSchemaUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputSchemaUpdate", members: [{ name: "RecordFormatUpdate", shape: $RecordFormat }, { name: "RecordEncodingUpdate", shape: $RecordEncoding }, { name: "RecordColumnUpdates", shape: $RecordColumns }] };
const $InputParallelismUpdate: StructureShape = { type: "structure", name: "InputParallelismUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputParallelismUpdate", members: [{ name: "CountUpdate", shape: $InputParallelismCount, required: true }] };
const $InputUpdate: StructureShape = { type: "structure", name: "InputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.InputUpdate", members: [{ name: "InputId", shape: $Id, required: true }, { name: "NamePrefixUpdate", shape: $InAppStreamName }, { name: "InputProcessingConfigurationUpdate", shape: $InputProcessingConfigurationUpdate }, { name: "KinesisStreamsInputUpdate", shape: $KinesisStreamsInputUpdate }, { name: "KinesisFirehoseInputUpdate", shape: $KinesisFirehoseInputUpdate }, { name: "InputSchemaUpdate", shape: $InputSchemaUpdate }, { name: "InputParallelismUpdate", shape: $InputParallelismUpdate }] };
const $InputUpdates: ListShape = { type: "list", member: $InputUpdate };
const $KinesisStreamsOutputUpdate: StructureShape = { type: "structure", name: "KinesisStreamsOutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisStreamsOutputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN, required: true }] };
const $KinesisFirehoseOutputUpdate: StructureShape = { type: "structure", name: "KinesisFirehoseOutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.KinesisFirehoseOutputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN, required: true }] };
const $LambdaOutputUpdate: StructureShape = { type: "structure", name: "LambdaOutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.LambdaOutputUpdate", members: [{ name: "ResourceARNUpdate", shape: $ResourceARN, required: true }] };
const $OutputUpdate: StructureShape = { type: "structure", name: "OutputUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.OutputUpdate", members: [{ name: "OutputId", shape: $Id, required: true }, { name: "NameUpdate", shape: $InAppStreamName }, { name: "KinesisStreamsOutputUpdate", shape: $KinesisStreamsOutputUpdate }, { name: "KinesisFirehoseOutputUpdate", shape: $KinesisFirehoseOutputUpdate }, { name: "LambdaOutputUpdate", shape: $LambdaOutputUpdate }, { name: "DestinationSchemaUpdate", shape: $DestinationSchema }] };
const $OutputUpdates: ListShape = { type: "list", member: $OutputUpdate };
const $S3ReferenceDataSourceUpdate: StructureShape = { type: "structure", name: "S3ReferenceDataSourceUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.S3ReferenceDataSourceUpdate", members: [{ name: "BucketARNUpdate", shape: $BucketARN }, { name: "FileKeyUpdate", shape: $FileKey }] };
const $ReferenceDataSourceUpdate: StructureShape = { type: "structure", name: "ReferenceDataSourceUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ReferenceDataSourceUpdate", members: [{ name: "ReferenceId", shape: $Id, required: true }, { name: "TableNameUpdate", shape: $InAppTableName }, { name: "S3ReferenceDataSourceUpdate", shape: $S3ReferenceDataSourceUpdate }, { name: "ReferenceSchemaUpdate", shape: $SourceSchema }] };
const $ReferenceDataSourceUpdates: ListShape = { type: "list", member: $ReferenceDataSourceUpdate };
const $SqlApplicationConfigurationUpdate: StructureShape = { type: "structure", name: "SqlApplicationConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.SqlApplicationConfigurationUpdate", members: [{ name: "InputUpdates", shape: $InputUpdates }, { name: "OutputUpdates", shape: $OutputUpdates }, { name: "ReferenceDataSourceUpdates", shape: $ReferenceDataSourceUpdates }] };
const $S3ContentLocationUpdate: StructureShape = { type: "structure", name: "S3ContentLocationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.S3ContentLocationUpdate", members: [{ name: "BucketARNUpdate", shape: $BucketARN }, { name: "FileKeyUpdate", shape: $FileKey }, { name: "ObjectVersionUpdate", shape: $ObjectVersion }] };
const $CodeContentUpdate: StructureShape = { type: "structure", name: "CodeContentUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CodeContentUpdate", members: [{ name: "TextContentUpdate", shape: $TextContent }, { name: "ZipFileContentUpdate", shape: $ZipFileContent }, { name: "S3ContentLocationUpdate", shape: $S3ContentLocationUpdate }] };
const $ApplicationCodeConfigurationUpdate: StructureShape = { type: "structure", name: "ApplicationCodeConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationCodeConfigurationUpdate", members: [{ name: "CodeContentTypeUpdate", shape: $CodeContentType }, { name: "CodeContentUpdate", shape: $CodeContentUpdate }] };
const $CheckpointConfigurationUpdate: StructureShape = { type: "structure", name: "CheckpointConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CheckpointConfigurationUpdate", members: [{ name: "ConfigurationTypeUpdate", shape: $ConfigurationType }, { name: "CheckpointingEnabledUpdate", shape: $BooleanObject }, { name: "CheckpointIntervalUpdate", shape: $CheckpointInterval }, { name: "MinPauseBetweenCheckpointsUpdate", shape: $MinPauseBetweenCheckpoints }] };
const $MonitoringConfigurationUpdate: StructureShape = { type: "structure", name: "MonitoringConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.MonitoringConfigurationUpdate", members: [{ name: "ConfigurationTypeUpdate", shape: $ConfigurationType }, { name: "MetricsLevelUpdate", shape: $MetricsLevel }, { name: "LogLevelUpdate", shape: $LogLevel }] };
const $ParallelismConfigurationUpdate: StructureShape = { type: "structure", name: "ParallelismConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ParallelismConfigurationUpdate", members: [{ name: "ConfigurationTypeUpdate", shape: $ConfigurationType }, { name: "ParallelismUpdate", shape: $Parallelism }, { name: "ParallelismPerKPUUpdate", shape: $ParallelismPerKPU }, { name: "AutoScalingEnabledUpdate", shape: $BooleanObject }] };
const $FlinkApplicationConfigurationUpdate: StructureShape = { type: "structure", name: "FlinkApplicationConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.FlinkApplicationConfigurationUpdate", members: [{ name: "CheckpointConfigurationUpdate", shape: $CheckpointConfigurationUpdate }, { name: "MonitoringConfigurationUpdate", shape: $MonitoringConfigurationUpdate }, { name: "ParallelismConfigurationUpdate", shape: $ParallelismConfigurationUpdate }] };
const $EnvironmentPropertyUpdates: StructureShape = { type: "structure", name: "EnvironmentPropertyUpdates", javaClass: "com.amazonaws.kinesisanalytics.v20180523.EnvironmentPropertyUpdates", members: [{ name: "PropertyGroups", shape: $PropertyGroups, required: true }] };
const $ApplicationSnapshotConfigurationUpdate: StructureShape = { type: "structure", name: "ApplicationSnapshotConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationSnapshotConfigurationUpdate", members: [{ name: "SnapshotsEnabledUpdate", shape: $BooleanObject, required: true }] };
const $ApplicationSystemRollbackConfigurationUpdate: StructureShape = { type: "structure", name: "ApplicationSystemRollbackConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationSystemRollbackConfigurationUpdate", members: [{ name: "RollbackEnabledUpdate", shape: $BooleanObject, required: true }] };
const $VpcConfigurationUpdate: StructureShape = { type: "structure", name: "VpcConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.VpcConfigurationUpdate", members: [{ name: "VpcConfigurationId", shape: $Id, required: true }, { name: "SubnetIdUpdates", shape: $SubnetIds }, { name: "SecurityGroupIdUpdates", shape: $SecurityGroupIds }] };
const $VpcConfigurationUpdates: ListShape = { type: "list", member: $VpcConfigurationUpdate };
const $ZeppelinMonitoringConfigurationUpdate: StructureShape = { type: "structure", name: "ZeppelinMonitoringConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ZeppelinMonitoringConfigurationUpdate", members: [{ name: "LogLevelUpdate", shape: $LogLevel, required: true }] };
const $GlueDataCatalogConfigurationUpdate: StructureShape = { type: "structure", name: "GlueDataCatalogConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.GlueDataCatalogConfigurationUpdate", members: [{ name: "DatabaseARNUpdate", shape: $DatabaseARN, required: true }] };
const $CatalogConfigurationUpdate: StructureShape = { type: "structure", name: "CatalogConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CatalogConfigurationUpdate", members: [{ name: "GlueDataCatalogConfigurationUpdate", shape: $GlueDataCatalogConfigurationUpdate, required: true }] };
const $S3ContentBaseLocationUpdate: StructureShape = { type: "structure", name: "S3ContentBaseLocationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.S3ContentBaseLocationUpdate", members: [{ name: "BucketARNUpdate", shape: $BucketARN }, { name: "BasePathUpdate", shape: $BasePath }] };
const $DeployAsApplicationConfigurationUpdate: StructureShape = { type: "structure", name: "DeployAsApplicationConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.DeployAsApplicationConfigurationUpdate", members: [{ name: "S3ContentLocationUpdate", shape: $S3ContentBaseLocationUpdate }] };
const $ZeppelinApplicationConfigurationUpdate: StructureShape = { type: "structure", name: "ZeppelinApplicationConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ZeppelinApplicationConfigurationUpdate", members: [{ name: "MonitoringConfigurationUpdate", shape: $ZeppelinMonitoringConfigurationUpdate }, { name: "CatalogConfigurationUpdate", shape: $CatalogConfigurationUpdate }, { name: "DeployAsApplicationConfigurationUpdate", shape: $DeployAsApplicationConfigurationUpdate }, { name: "CustomArtifactsConfigurationUpdate", shape: $CustomArtifactsConfigurationList }] };
const $ApplicationEncryptionConfigurationUpdate: StructureShape = { type: "structure", name: "ApplicationEncryptionConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationEncryptionConfigurationUpdate", members: [{ name: "KeyIdUpdate", shape: $KeyId }, { name: "KeyTypeUpdate", shape: $KeyType, required: true }] };
const $ApplicationConfigurationUpdate: StructureShape = { type: "structure", name: "ApplicationConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationConfigurationUpdate", members: [{ name: "SqlApplicationConfigurationUpdate", shape: $SqlApplicationConfigurationUpdate }, { name: "ApplicationCodeConfigurationUpdate", shape: $ApplicationCodeConfigurationUpdate }, { name: "FlinkApplicationConfigurationUpdate", shape: $FlinkApplicationConfigurationUpdate }, { name: "EnvironmentPropertyUpdates", shape: $EnvironmentPropertyUpdates }, { name: "ApplicationSnapshotConfigurationUpdate", shape: $ApplicationSnapshotConfigurationUpdate }, { name: "ApplicationSystemRollbackConfigurationUpdate", shape: $ApplicationSystemRollbackConfigurationUpdate }, { name: "VpcConfigurationUpdates", shape: $VpcConfigurationUpdates }, { name: "ZeppelinApplicationConfigurationUpdate", shape: $ZeppelinApplicationConfigurationUpdate }, { name: "ApplicationEncryptionConfigurationUpdate", shape: $ApplicationEncryptionConfigurationUpdate }] };
const $RunConfigurationUpdate: StructureShape = { type: "structure", name: "RunConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.RunConfigurationUpdate", members: [{ name: "FlinkRunConfiguration", shape: $FlinkRunConfiguration }, { name: "ApplicationRestoreConfiguration", shape: $ApplicationRestoreConfiguration }] };
const $CloudWatchLoggingOptionUpdate: StructureShape = { type: "structure", name: "CloudWatchLoggingOptionUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.CloudWatchLoggingOptionUpdate", members: [{ name: "CloudWatchLoggingOptionId", shape: $Id, required: true }, { name: "LogStreamARNUpdate", shape: $LogStreamARN }] };
const $CloudWatchLoggingOptionUpdates: ListShape = { type: "list", member: $CloudWatchLoggingOptionUpdate };
const $UpdateApplicationRequest: StructureShape = { type: "structure", name: "UpdateApplicationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.UpdateApplicationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "CurrentApplicationVersionId", shape: $ApplicationVersionId }, { name: "ApplicationConfigurationUpdate", shape: $ApplicationConfigurationUpdate }, { name: "ServiceExecutionRoleUpdate", shape: $RoleARN }, { name: "RunConfigurationUpdate", shape: $RunConfigurationUpdate }, { name: "CloudWatchLoggingOptionUpdates", shape: $CloudWatchLoggingOptionUpdates }, { name: "ConditionalToken", shape: $ConditionalToken }, { name: "RuntimeEnvironmentUpdate", shape: $RuntimeEnvironment }] };
const $ApplicationMaintenanceWindowStartTime: StringShape = { type: "string", min: 5, max: 5, pattern: "([01][0-9]|2[0-3]):[0-5][0-9]", regex: new RegExp("^(?:([01][0-9]|2[0-3]):[0-5][0-9])$", "u") };
const $ApplicationMaintenanceConfigurationUpdate: StructureShape = { type: "structure", name: "ApplicationMaintenanceConfigurationUpdate", javaClass: "com.amazonaws.kinesisanalytics.v20180523.ApplicationMaintenanceConfigurationUpdate", members: [{ name: "ApplicationMaintenanceWindowStartTimeUpdate", shape: $ApplicationMaintenanceWindowStartTime, required: true }] };
const $UpdateApplicationMaintenanceConfigurationRequest: StructureShape = { type: "structure", name: "UpdateApplicationMaintenanceConfigurationRequest", javaClass: "com.amazonaws.kinesisanalytics.v20180523.UpdateApplicationMaintenanceConfigurationRequest", members: [{ name: "ApplicationName", shape: $ApplicationName, required: true }, { name: "ApplicationMaintenanceConfigurationUpdate", shape: $ApplicationMaintenanceConfigurationUpdate, required: true }] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  AddApplicationCloudWatchLoggingOption: $AddApplicationCloudWatchLoggingOptionRequest,
  AddApplicationInput: $AddApplicationInputRequest,
  AddApplicationInputProcessingConfiguration: $AddApplicationInputProcessingConfigurationRequest,
  AddApplicationOutput: $AddApplicationOutputRequest,
  AddApplicationReferenceDataSource: $AddApplicationReferenceDataSourceRequest,
  AddApplicationVpcConfiguration: $AddApplicationVpcConfigurationRequest,
  CreateApplication: $CreateApplicationRequest,
  CreateApplicationPresignedUrl: $CreateApplicationPresignedUrlRequest,
  CreateApplicationSnapshot: $CreateApplicationSnapshotRequest,
  DeleteApplication: $DeleteApplicationRequest,
  DeleteApplicationCloudWatchLoggingOption: $DeleteApplicationCloudWatchLoggingOptionRequest,
  DeleteApplicationInputProcessingConfiguration: $DeleteApplicationInputProcessingConfigurationRequest,
  DeleteApplicationOutput: $DeleteApplicationOutputRequest,
  DeleteApplicationReferenceDataSource: $DeleteApplicationReferenceDataSourceRequest,
  DeleteApplicationSnapshot: $DeleteApplicationSnapshotRequest,
  DeleteApplicationVpcConfiguration: $DeleteApplicationVpcConfigurationRequest,
  DescribeApplication: $DescribeApplicationRequest,
  DescribeApplicationOperation: $DescribeApplicationOperationRequest,
  DescribeApplicationSnapshot: $DescribeApplicationSnapshotRequest,
  DescribeApplicationVersion: $DescribeApplicationVersionRequest,
  DiscoverInputSchema: $DiscoverInputSchemaRequest,
  ListApplicationOperations: $ListApplicationOperationsRequest,
  ListApplicationSnapshots: $ListApplicationSnapshotsRequest,
  ListApplicationVersions: $ListApplicationVersionsRequest,
  ListApplications: $ListApplicationsRequest,
  ListTagsForResource: $ListTagsForResourceRequest,
  RollbackApplication: $RollbackApplicationRequest,
  StartApplication: $StartApplicationRequest,
  StopApplication: $StopApplicationRequest,
  TagResource: $TagResourceRequest,
  UntagResource: $UntagResourceRequest,
  UpdateApplication: $UpdateApplicationRequest,
  UpdateApplicationMaintenanceConfiguration: $UpdateApplicationMaintenanceConfigurationRequest,
};

export const KINESIS_ANALYTICS_V2_SHAPES = {
  serviceId: "Kinesis Analytics V2",
  apiVersion: "2018-05-23",
  protocol: "json",
  signingName: "kinesisanalytics",
  targetPrefix: "KinesisAnalytics_20180523",
  jsonVersion: "1.1",
  javaPackage: "com.amazonaws.kinesisanalytics.v20180523",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["AddApplicationCloudWatchLoggingOption", "AddApplicationInput", "AddApplicationInputProcessingConfiguration", "AddApplicationOutput", "AddApplicationReferenceDataSource", "AddApplicationVpcConfiguration", "CreateApplication", "CreateApplicationPresignedUrl", "CreateApplicationSnapshot", "DeleteApplication", "DeleteApplicationCloudWatchLoggingOption", "DeleteApplicationInputProcessingConfiguration", "DeleteApplicationOutput", "DeleteApplicationReferenceDataSource", "DeleteApplicationSnapshot", "DeleteApplicationVpcConfiguration", "DescribeApplication", "DescribeApplicationOperation", "DescribeApplicationSnapshot", "DescribeApplicationVersion", "DiscoverInputSchema", "ListApplicationOperations", "ListApplicationSnapshots", "ListApplicationVersions", "ListApplications", "ListTagsForResource", "RollbackApplication", "StartApplication", "StopApplication", "TagResource", "UntagResource", "UpdateApplication", "UpdateApplicationMaintenanceConfiguration"],
  /** The input structure of each operation. */
  operations: inputs,
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "AddApplicationCloudWatchLoggingOption" | "AddApplicationInput" | "AddApplicationInputProcessingConfiguration" | "AddApplicationOutput" | "AddApplicationReferenceDataSource" | "AddApplicationVpcConfiguration" | "CreateApplication" | "CreateApplicationPresignedUrl" | "CreateApplicationSnapshot" | "DeleteApplication" | "DeleteApplicationCloudWatchLoggingOption" | "DeleteApplicationInputProcessingConfiguration" | "DeleteApplicationOutput" | "DeleteApplicationReferenceDataSource" | "DeleteApplicationSnapshot" | "DeleteApplicationVpcConfiguration" | "DescribeApplication" | "DescribeApplicationOperation" | "DescribeApplicationSnapshot" | "DescribeApplicationVersion" | "DiscoverInputSchema" | "ListApplicationOperations" | "ListApplicationSnapshots" | "ListApplicationVersions" | "ListApplications" | "ListTagsForResource" | "RollbackApplication" | "StartApplication" | "StopApplication" | "TagResource" | "UntagResource" | "UpdateApplication" | "UpdateApplicationMaintenanceConfiguration";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  AddApplicationCloudWatchLoggingOption: { input: AddApplicationCloudWatchLoggingOptionInput; output: AddApplicationCloudWatchLoggingOptionOutput };
  AddApplicationInput: { input: AddApplicationInputInput; output: AddApplicationInputOutput };
  AddApplicationInputProcessingConfiguration: { input: AddApplicationInputProcessingConfigurationInput; output: AddApplicationInputProcessingConfigurationOutput };
  AddApplicationOutput: { input: AddApplicationOutputInput; output: AddApplicationOutputOutput };
  AddApplicationReferenceDataSource: { input: AddApplicationReferenceDataSourceInput; output: AddApplicationReferenceDataSourceOutput };
  AddApplicationVpcConfiguration: { input: AddApplicationVpcConfigurationInput; output: AddApplicationVpcConfigurationOutput };
  CreateApplication: { input: CreateApplicationInput; output: CreateApplicationOutput };
  CreateApplicationPresignedUrl: { input: CreateApplicationPresignedUrlInput; output: CreateApplicationPresignedUrlOutput };
  CreateApplicationSnapshot: { input: CreateApplicationSnapshotInput; output: CreateApplicationSnapshotOutput };
  DeleteApplication: { input: DeleteApplicationInput; output: DeleteApplicationOutput };
  DeleteApplicationCloudWatchLoggingOption: { input: DeleteApplicationCloudWatchLoggingOptionInput; output: DeleteApplicationCloudWatchLoggingOptionOutput };
  DeleteApplicationInputProcessingConfiguration: { input: DeleteApplicationInputProcessingConfigurationInput; output: DeleteApplicationInputProcessingConfigurationOutput };
  DeleteApplicationOutput: { input: DeleteApplicationOutputInput; output: DeleteApplicationOutputOutput };
  DeleteApplicationReferenceDataSource: { input: DeleteApplicationReferenceDataSourceInput; output: DeleteApplicationReferenceDataSourceOutput };
  DeleteApplicationSnapshot: { input: DeleteApplicationSnapshotInput; output: DeleteApplicationSnapshotOutput };
  DeleteApplicationVpcConfiguration: { input: DeleteApplicationVpcConfigurationInput; output: DeleteApplicationVpcConfigurationOutput };
  DescribeApplication: { input: DescribeApplicationInput; output: DescribeApplicationOutput };
  DescribeApplicationOperation: { input: DescribeApplicationOperationInput; output: DescribeApplicationOperationOutput };
  DescribeApplicationSnapshot: { input: DescribeApplicationSnapshotInput; output: DescribeApplicationSnapshotOutput };
  DescribeApplicationVersion: { input: DescribeApplicationVersionInput; output: DescribeApplicationVersionOutput };
  DiscoverInputSchema: { input: DiscoverInputSchemaInput; output: DiscoverInputSchemaOutput };
  ListApplicationOperations: { input: ListApplicationOperationsInput; output: ListApplicationOperationsOutput };
  ListApplicationSnapshots: { input: ListApplicationSnapshotsInput; output: ListApplicationSnapshotsOutput };
  ListApplicationVersions: { input: ListApplicationVersionsInput; output: ListApplicationVersionsOutput };
  ListApplications: { input: ListApplicationsInput; output: ListApplicationsOutput };
  ListTagsForResource: { input: ListTagsForResourceInput; output: ListTagsForResourceOutput };
  RollbackApplication: { input: RollbackApplicationInput; output: RollbackApplicationOutput };
  StartApplication: { input: StartApplicationInput; output: StartApplicationOutput };
  StopApplication: { input: StopApplicationInput; output: StopApplicationOutput };
  TagResource: { input: TagResourceInput; output: TagResourceOutput };
  UntagResource: { input: UntagResourceInput; output: UntagResourceOutput };
  UpdateApplication: { input: UpdateApplicationInput; output: UpdateApplicationOutput };
  UpdateApplicationMaintenanceConfiguration: { input: UpdateApplicationMaintenanceConfigurationInput; output: UpdateApplicationMaintenanceConfigurationOutput };
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
export type AddApplicationVpcConfigurationInput = AddApplicationVpcConfigurationRequest;
export type AddApplicationVpcConfigurationOutput = AddApplicationVpcConfigurationResponse;
export type CreateApplicationInput = CreateApplicationRequest;
export type CreateApplicationOutput = CreateApplicationResponse;
export type CreateApplicationPresignedUrlInput = CreateApplicationPresignedUrlRequest;
export type CreateApplicationPresignedUrlOutput = CreateApplicationPresignedUrlResponse;
export type CreateApplicationSnapshotInput = CreateApplicationSnapshotRequest;
export type CreateApplicationSnapshotOutput = CreateApplicationSnapshotResponse;
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
export type DeleteApplicationSnapshotInput = DeleteApplicationSnapshotRequest;
export type DeleteApplicationSnapshotOutput = DeleteApplicationSnapshotResponse;
export type DeleteApplicationVpcConfigurationInput = DeleteApplicationVpcConfigurationRequest;
export type DeleteApplicationVpcConfigurationOutput = DeleteApplicationVpcConfigurationResponse;
export type DescribeApplicationInput = DescribeApplicationRequest;
export type DescribeApplicationOutput = DescribeApplicationResponse;
export type DescribeApplicationOperationInput = DescribeApplicationOperationRequest;
export type DescribeApplicationOperationOutput = DescribeApplicationOperationResponse;
export type DescribeApplicationSnapshotInput = DescribeApplicationSnapshotRequest;
export type DescribeApplicationSnapshotOutput = DescribeApplicationSnapshotResponse;
export type DescribeApplicationVersionInput = DescribeApplicationVersionRequest;
export type DescribeApplicationVersionOutput = DescribeApplicationVersionResponse;
export type DiscoverInputSchemaInput = DiscoverInputSchemaRequest;
export type DiscoverInputSchemaOutput = DiscoverInputSchemaResponse;
export type ListApplicationOperationsInput = ListApplicationOperationsRequest;
export type ListApplicationOperationsOutput = ListApplicationOperationsResponse;
export type ListApplicationSnapshotsInput = ListApplicationSnapshotsRequest;
export type ListApplicationSnapshotsOutput = ListApplicationSnapshotsResponse;
export type ListApplicationVersionsInput = ListApplicationVersionsRequest;
export type ListApplicationVersionsOutput = ListApplicationVersionsResponse;
export type ListApplicationsInput = ListApplicationsRequest;
export type ListApplicationsOutput = ListApplicationsResponse;
export type ListTagsForResourceInput = ListTagsForResourceRequest;
export type ListTagsForResourceOutput = ListTagsForResourceResponse;
export type RollbackApplicationInput = RollbackApplicationRequest;
export type RollbackApplicationOutput = RollbackApplicationResponse;
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
export type UpdateApplicationMaintenanceConfigurationInput = UpdateApplicationMaintenanceConfigurationRequest;
export type UpdateApplicationMaintenanceConfigurationOutput = UpdateApplicationMaintenanceConfigurationResponse;

export type AddApplicationCloudWatchLoggingOptionRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId?: number;
  CloudWatchLoggingOption: CloudWatchLoggingOption;
  ConditionalToken?: string;
};

export type AddApplicationCloudWatchLoggingOptionResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  CloudWatchLoggingOptionDescriptions?: CloudWatchLoggingOptionDescription[];
  OperationId?: string;
};

export type AddApplicationInputProcessingConfigurationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  InputId: string;
  InputProcessingConfiguration: InputProcessingConfiguration;
};

export type AddApplicationInputProcessingConfigurationResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  InputId?: string;
  InputProcessingConfigurationDescription?: InputProcessingConfigurationDescription;
};

export type AddApplicationInputRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  Input: Input;
};

export type AddApplicationInputResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  InputDescriptions?: InputDescription[];
};

export type AddApplicationOutputRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  Output: Output;
};

export type AddApplicationOutputResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  OutputDescriptions?: OutputDescription[];
};

export type AddApplicationReferenceDataSourceRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  ReferenceDataSource: ReferenceDataSource;
};

export type AddApplicationReferenceDataSourceResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  ReferenceDataSourceDescriptions?: ReferenceDataSourceDescription[];
};

export type AddApplicationVpcConfigurationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId?: number;
  VpcConfiguration: VpcConfiguration;
  ConditionalToken?: string;
};

export type AddApplicationVpcConfigurationResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  VpcConfigurationDescription?: VpcConfigurationDescription;
  OperationId?: string;
};

export type ApplicationCodeConfiguration = {
  CodeContent?: CodeContent;
  CodeContentType: CodeContentType;
};

export type ApplicationCodeConfigurationDescription = {
  CodeContentType: CodeContentType;
  CodeContentDescription?: CodeContentDescription;
};

export type ApplicationCodeConfigurationUpdate = {
  CodeContentTypeUpdate?: CodeContentType;
  CodeContentUpdate?: CodeContentUpdate;
};

export type ApplicationConfiguration = {
  SqlApplicationConfiguration?: SqlApplicationConfiguration;
  FlinkApplicationConfiguration?: FlinkApplicationConfiguration;
  EnvironmentProperties?: EnvironmentProperties;
  ApplicationCodeConfiguration?: ApplicationCodeConfiguration;
  ApplicationSnapshotConfiguration?: ApplicationSnapshotConfiguration;
  ApplicationSystemRollbackConfiguration?: ApplicationSystemRollbackConfiguration;
  VpcConfigurations?: VpcConfiguration[];
  ZeppelinApplicationConfiguration?: ZeppelinApplicationConfiguration;
  ApplicationEncryptionConfiguration?: ApplicationEncryptionConfiguration;
};

export type ApplicationConfigurationDescription = {
  SqlApplicationConfigurationDescription?: SqlApplicationConfigurationDescription;
  ApplicationCodeConfigurationDescription?: ApplicationCodeConfigurationDescription;
  RunConfigurationDescription?: RunConfigurationDescription;
  FlinkApplicationConfigurationDescription?: FlinkApplicationConfigurationDescription;
  EnvironmentPropertyDescriptions?: EnvironmentPropertyDescriptions;
  ApplicationSnapshotConfigurationDescription?: ApplicationSnapshotConfigurationDescription;
  ApplicationSystemRollbackConfigurationDescription?: ApplicationSystemRollbackConfigurationDescription;
  VpcConfigurationDescriptions?: VpcConfigurationDescription[];
  ZeppelinApplicationConfigurationDescription?: ZeppelinApplicationConfigurationDescription;
  ApplicationEncryptionConfigurationDescription?: ApplicationEncryptionConfigurationDescription;
};

export type ApplicationConfigurationUpdate = {
  SqlApplicationConfigurationUpdate?: SqlApplicationConfigurationUpdate;
  ApplicationCodeConfigurationUpdate?: ApplicationCodeConfigurationUpdate;
  FlinkApplicationConfigurationUpdate?: FlinkApplicationConfigurationUpdate;
  EnvironmentPropertyUpdates?: EnvironmentPropertyUpdates;
  ApplicationSnapshotConfigurationUpdate?: ApplicationSnapshotConfigurationUpdate;
  ApplicationSystemRollbackConfigurationUpdate?: ApplicationSystemRollbackConfigurationUpdate;
  VpcConfigurationUpdates?: VpcConfigurationUpdate[];
  ZeppelinApplicationConfigurationUpdate?: ZeppelinApplicationConfigurationUpdate;
  ApplicationEncryptionConfigurationUpdate?: ApplicationEncryptionConfigurationUpdate;
};

export type ApplicationDetail = {
  ApplicationARN: string;
  ApplicationDescription?: string;
  ApplicationName: string;
  RuntimeEnvironment: RuntimeEnvironment;
  ServiceExecutionRole?: string;
  ApplicationStatus: ApplicationStatus;
  ApplicationVersionId: number;
  CreateTimestamp?: Date;
  LastUpdateTimestamp?: Date;
  ApplicationConfigurationDescription?: ApplicationConfigurationDescription;
  CloudWatchLoggingOptionDescriptions?: CloudWatchLoggingOptionDescription[];
  ApplicationMaintenanceConfigurationDescription?: ApplicationMaintenanceConfigurationDescription;
  ApplicationVersionUpdatedFrom?: number;
  ApplicationVersionRolledBackFrom?: number;
  ApplicationVersionCreateTimestamp?: Date;
  ConditionalToken?: string;
  ApplicationVersionRolledBackTo?: number;
  ApplicationMode?: ApplicationMode;
};

export type ApplicationEncryptionConfiguration = {
  KeyId?: string;
  KeyType: KeyType;
};

export type ApplicationEncryptionConfigurationDescription = {
  KeyId?: string;
  KeyType: KeyType;
};

export type ApplicationEncryptionConfigurationUpdate = {
  KeyIdUpdate?: string;
  KeyTypeUpdate: KeyType;
};

export type ApplicationMaintenanceConfigurationDescription = {
  ApplicationMaintenanceWindowStartTime: string;
  ApplicationMaintenanceWindowEndTime: string;
};

export type ApplicationMaintenanceConfigurationUpdate = {
  ApplicationMaintenanceWindowStartTimeUpdate: string;
};

export type ApplicationMode = "STREAMING" | "INTERACTIVE";

export type ApplicationOperationInfo = {
  Operation?: string;
  OperationId?: string;
  StartTime?: Date;
  EndTime?: Date;
  OperationStatus?: OperationStatus;
};

export type ApplicationOperationInfoDetails = {
  Operation: string;
  StartTime: Date;
  EndTime: Date;
  OperationStatus: OperationStatus;
  ApplicationVersionChangeDetails?: ApplicationVersionChangeDetails;
  OperationFailureDetails?: OperationFailureDetails;
};

export type ApplicationRestoreConfiguration = {
  ApplicationRestoreType: ApplicationRestoreType;
  SnapshotName?: string;
};

export type ApplicationRestoreType = "SKIP_RESTORE_FROM_SNAPSHOT" | "RESTORE_FROM_LATEST_SNAPSHOT" | "RESTORE_FROM_CUSTOM_SNAPSHOT";

export type ApplicationSnapshotConfiguration = {
  SnapshotsEnabled: boolean;
};

export type ApplicationSnapshotConfigurationDescription = {
  SnapshotsEnabled: boolean;
};

export type ApplicationSnapshotConfigurationUpdate = {
  SnapshotsEnabledUpdate: boolean;
};

export type ApplicationStatus = "DELETING" | "STARTING" | "STOPPING" | "READY" | "RUNNING" | "UPDATING" | "AUTOSCALING" | "FORCE_STOPPING" | "ROLLING_BACK" | "MAINTENANCE" | "ROLLED_BACK";

export type ApplicationSummary = {
  ApplicationName: string;
  ApplicationARN: string;
  ApplicationStatus: ApplicationStatus;
  ApplicationVersionId: number;
  RuntimeEnvironment: RuntimeEnvironment;
  ApplicationMode?: ApplicationMode;
};

export type ApplicationSystemRollbackConfiguration = {
  RollbackEnabled: boolean;
};

export type ApplicationSystemRollbackConfigurationDescription = {
  RollbackEnabled: boolean;
};

export type ApplicationSystemRollbackConfigurationUpdate = {
  RollbackEnabledUpdate: boolean;
};

export type ApplicationVersionChangeDetails = {
  ApplicationVersionUpdatedFrom: number;
  ApplicationVersionUpdatedTo: number;
};

export type ApplicationVersionSummary = {
  ApplicationVersionId: number;
  ApplicationStatus: ApplicationStatus;
};

export type ArtifactType = "UDF" | "DEPENDENCY_JAR";

export type CSVMappingParameters = {
  RecordRowDelimiter: string;
  RecordColumnDelimiter: string;
};

export type CatalogConfiguration = {
  GlueDataCatalogConfiguration: GlueDataCatalogConfiguration;
};

export type CatalogConfigurationDescription = {
  GlueDataCatalogConfigurationDescription: GlueDataCatalogConfigurationDescription;
};

export type CatalogConfigurationUpdate = {
  GlueDataCatalogConfigurationUpdate: GlueDataCatalogConfigurationUpdate;
};

export type CheckpointConfiguration = {
  ConfigurationType: ConfigurationType;
  CheckpointingEnabled?: boolean;
  CheckpointInterval?: number;
  MinPauseBetweenCheckpoints?: number;
};

export type CheckpointConfigurationDescription = {
  ConfigurationType?: ConfigurationType;
  CheckpointingEnabled?: boolean;
  CheckpointInterval?: number;
  MinPauseBetweenCheckpoints?: number;
};

export type CheckpointConfigurationUpdate = {
  ConfigurationTypeUpdate?: ConfigurationType;
  CheckpointingEnabledUpdate?: boolean;
  CheckpointIntervalUpdate?: number;
  MinPauseBetweenCheckpointsUpdate?: number;
};

export type CloudWatchLoggingOption = {
  LogStreamARN: string;
};

export type CloudWatchLoggingOptionDescription = {
  CloudWatchLoggingOptionId?: string;
  LogStreamARN: string;
  RoleARN?: string;
};

export type CloudWatchLoggingOptionUpdate = {
  CloudWatchLoggingOptionId: string;
  LogStreamARNUpdate?: string;
};

export type CodeContent = {
  TextContent?: string;
  ZipFileContent?: Uint8Array;
  S3ContentLocation?: S3ContentLocation;
};

export type CodeContentDescription = {
  TextContent?: string;
  CodeMD5?: string;
  CodeSize?: number;
  S3ApplicationCodeLocationDescription?: S3ApplicationCodeLocationDescription;
};

export type CodeContentType = "PLAINTEXT" | "ZIPFILE";

export type CodeContentUpdate = {
  TextContentUpdate?: string;
  ZipFileContentUpdate?: Uint8Array;
  S3ContentLocationUpdate?: S3ContentLocationUpdate;
};

export type ConfigurationType = "DEFAULT" | "CUSTOM";

export type CreateApplicationPresignedUrlRequest = {
  ApplicationName: string;
  UrlType: UrlType;
  SessionExpirationDurationInSeconds?: number;
};

export type CreateApplicationPresignedUrlResponse = {
  AuthorizedUrl?: string;
};

export type CreateApplicationRequest = {
  ApplicationName: string;
  ApplicationDescription?: string;
  RuntimeEnvironment: RuntimeEnvironment;
  ServiceExecutionRole: string;
  ApplicationConfiguration?: ApplicationConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOption[];
  Tags?: Tag[];
  ApplicationMode?: ApplicationMode;
};

export type CreateApplicationResponse = {
  ApplicationDetail: ApplicationDetail;
};

export type CreateApplicationSnapshotRequest = {
  ApplicationName: string;
  SnapshotName: string;
};

export type CreateApplicationSnapshotResponse = { [key: string]: never };

export type CustomArtifactConfiguration = {
  ArtifactType: ArtifactType;
  S3ContentLocation?: S3ContentLocation;
  MavenReference?: MavenReference;
};

export type CustomArtifactConfigurationDescription = {
  ArtifactType?: ArtifactType;
  S3ContentLocationDescription?: S3ContentLocation;
  MavenReferenceDescription?: MavenReference;
};

export type DeleteApplicationCloudWatchLoggingOptionRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId?: number;
  CloudWatchLoggingOptionId: string;
  ConditionalToken?: string;
};

export type DeleteApplicationCloudWatchLoggingOptionResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  CloudWatchLoggingOptionDescriptions?: CloudWatchLoggingOptionDescription[];
  OperationId?: string;
};

export type DeleteApplicationInputProcessingConfigurationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  InputId: string;
};

export type DeleteApplicationInputProcessingConfigurationResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
};

export type DeleteApplicationOutputRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  OutputId: string;
};

export type DeleteApplicationOutputResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
};

export type DeleteApplicationReferenceDataSourceRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
  ReferenceId: string;
};

export type DeleteApplicationReferenceDataSourceResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
};

export type DeleteApplicationRequest = {
  ApplicationName: string;
  CreateTimestamp: Date;
};

export type DeleteApplicationResponse = { [key: string]: never };

export type DeleteApplicationSnapshotRequest = {
  ApplicationName: string;
  SnapshotName: string;
  SnapshotCreationTimestamp: Date;
};

export type DeleteApplicationSnapshotResponse = { [key: string]: never };

export type DeleteApplicationVpcConfigurationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId?: number;
  VpcConfigurationId: string;
  ConditionalToken?: string;
};

export type DeleteApplicationVpcConfigurationResponse = {
  ApplicationARN?: string;
  ApplicationVersionId?: number;
  OperationId?: string;
};

export type DeployAsApplicationConfiguration = {
  S3ContentLocation: S3ContentBaseLocation;
};

export type DeployAsApplicationConfigurationDescription = {
  S3ContentLocationDescription: S3ContentBaseLocationDescription;
};

export type DeployAsApplicationConfigurationUpdate = {
  S3ContentLocationUpdate?: S3ContentBaseLocationUpdate;
};

export type DescribeApplicationOperationRequest = {
  ApplicationName: string;
  OperationId: string;
};

export type DescribeApplicationOperationResponse = {
  ApplicationOperationInfoDetails?: ApplicationOperationInfoDetails;
};

export type DescribeApplicationRequest = {
  ApplicationName: string;
  IncludeAdditionalDetails?: boolean;
};

export type DescribeApplicationResponse = {
  ApplicationDetail: ApplicationDetail;
};

export type DescribeApplicationSnapshotRequest = {
  ApplicationName: string;
  SnapshotName: string;
};

export type DescribeApplicationSnapshotResponse = {
  SnapshotDetails: SnapshotDetails;
};

export type DescribeApplicationVersionRequest = {
  ApplicationName: string;
  ApplicationVersionId: number;
};

export type DescribeApplicationVersionResponse = {
  ApplicationVersionDetail?: ApplicationDetail;
};

export type DestinationSchema = {
  RecordFormatType: RecordFormatType;
};

export type DiscoverInputSchemaRequest = {
  ResourceARN?: string;
  ServiceExecutionRole: string;
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

export type EnvironmentProperties = {
  PropertyGroups: PropertyGroup[];
};

export type EnvironmentPropertyDescriptions = {
  PropertyGroupDescriptions?: PropertyGroup[];
};

export type EnvironmentPropertyUpdates = {
  PropertyGroups: PropertyGroup[];
};

export type ErrorInfo = {
  ErrorString?: string;
};

export type FlinkApplicationConfiguration = {
  CheckpointConfiguration?: CheckpointConfiguration;
  MonitoringConfiguration?: MonitoringConfiguration;
  ParallelismConfiguration?: ParallelismConfiguration;
};

export type FlinkApplicationConfigurationDescription = {
  CheckpointConfigurationDescription?: CheckpointConfigurationDescription;
  MonitoringConfigurationDescription?: MonitoringConfigurationDescription;
  ParallelismConfigurationDescription?: ParallelismConfigurationDescription;
  JobPlanDescription?: string;
};

export type FlinkApplicationConfigurationUpdate = {
  CheckpointConfigurationUpdate?: CheckpointConfigurationUpdate;
  MonitoringConfigurationUpdate?: MonitoringConfigurationUpdate;
  ParallelismConfigurationUpdate?: ParallelismConfigurationUpdate;
};

export type FlinkRunConfiguration = {
  AllowNonRestoredState?: boolean;
};

export type GlueDataCatalogConfiguration = {
  DatabaseARN: string;
};

export type GlueDataCatalogConfigurationDescription = {
  DatabaseARN: string;
};

export type GlueDataCatalogConfigurationUpdate = {
  DatabaseARNUpdate: string;
};

export type Input = {
  NamePrefix: string;
  InputProcessingConfiguration?: InputProcessingConfiguration;
  KinesisStreamsInput?: KinesisStreamsInput;
  KinesisFirehoseInput?: KinesisFirehoseInput;
  InputParallelism?: InputParallelism;
  InputSchema: SourceSchema;
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
};

export type InputLambdaProcessorDescription = {
  ResourceARN: string;
  RoleARN?: string;
};

export type InputLambdaProcessorUpdate = {
  ResourceARNUpdate: string;
};

export type InputParallelism = {
  Count?: number;
};

export type InputParallelismUpdate = {
  CountUpdate: number;
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

export type KeyType = "AWS_OWNED_KEY" | "CUSTOMER_MANAGED_KEY";

export type KinesisFirehoseInput = {
  ResourceARN: string;
};

export type KinesisFirehoseInputDescription = {
  ResourceARN: string;
  RoleARN?: string;
};

export type KinesisFirehoseInputUpdate = {
  ResourceARNUpdate: string;
};

export type KinesisFirehoseOutput = {
  ResourceARN: string;
};

export type KinesisFirehoseOutputDescription = {
  ResourceARN: string;
  RoleARN?: string;
};

export type KinesisFirehoseOutputUpdate = {
  ResourceARNUpdate: string;
};

export type KinesisStreamsInput = {
  ResourceARN: string;
};

export type KinesisStreamsInputDescription = {
  ResourceARN: string;
  RoleARN?: string;
};

export type KinesisStreamsInputUpdate = {
  ResourceARNUpdate: string;
};

export type KinesisStreamsOutput = {
  ResourceARN: string;
};

export type KinesisStreamsOutputDescription = {
  ResourceARN: string;
  RoleARN?: string;
};

export type KinesisStreamsOutputUpdate = {
  ResourceARNUpdate: string;
};

export type LambdaOutput = {
  ResourceARN: string;
};

export type LambdaOutputDescription = {
  ResourceARN: string;
  RoleARN?: string;
};

export type LambdaOutputUpdate = {
  ResourceARNUpdate: string;
};

export type ListApplicationOperationsRequest = {
  ApplicationName: string;
  Limit?: number;
  NextToken?: string;
  Operation?: string;
  OperationStatus?: OperationStatus;
};

export type ListApplicationOperationsResponse = {
  ApplicationOperationInfoList?: ApplicationOperationInfo[];
  NextToken?: string;
};

export type ListApplicationSnapshotsRequest = {
  ApplicationName: string;
  Limit?: number;
  NextToken?: string;
};

export type ListApplicationSnapshotsResponse = {
  SnapshotSummaries?: SnapshotDetails[];
  NextToken?: string;
};

export type ListApplicationVersionsRequest = {
  ApplicationName: string;
  Limit?: number;
  NextToken?: string;
};

export type ListApplicationVersionsResponse = {
  ApplicationVersionSummaries?: ApplicationVersionSummary[];
  NextToken?: string;
};

export type ListApplicationsRequest = {
  Limit?: number;
  NextToken?: string;
};

export type ListApplicationsResponse = {
  ApplicationSummaries: ApplicationSummary[];
  NextToken?: string;
};

export type ListTagsForResourceRequest = {
  ResourceARN: string;
};

export type ListTagsForResourceResponse = {
  Tags?: Tag[];
};

export type LogLevel = "INFO" | "WARN" | "ERROR" | "DEBUG";

export type MappingParameters = {
  JSONMappingParameters?: JSONMappingParameters;
  CSVMappingParameters?: CSVMappingParameters;
};

export type MavenReference = {
  GroupId: string;
  ArtifactId: string;
  Version: string;
};

export type MetricsLevel = "APPLICATION" | "TASK" | "OPERATOR" | "PARALLELISM";

export type MonitoringConfiguration = {
  ConfigurationType: ConfigurationType;
  MetricsLevel?: MetricsLevel;
  LogLevel?: LogLevel;
};

export type MonitoringConfigurationDescription = {
  ConfigurationType?: ConfigurationType;
  MetricsLevel?: MetricsLevel;
  LogLevel?: LogLevel;
};

export type MonitoringConfigurationUpdate = {
  ConfigurationTypeUpdate?: ConfigurationType;
  MetricsLevelUpdate?: MetricsLevel;
  LogLevelUpdate?: LogLevel;
};

export type OperationFailureDetails = {
  RollbackOperationId?: string;
  ErrorInfo?: ErrorInfo;
};

export type OperationStatus = "IN_PROGRESS" | "CANCELLED" | "SUCCESSFUL" | "FAILED";

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

export type ParallelismConfiguration = {
  ConfigurationType: ConfigurationType;
  Parallelism?: number;
  ParallelismPerKPU?: number;
  AutoScalingEnabled?: boolean;
};

export type ParallelismConfigurationDescription = {
  ConfigurationType?: ConfigurationType;
  Parallelism?: number;
  ParallelismPerKPU?: number;
  CurrentParallelism?: number;
  AutoScalingEnabled?: boolean;
};

export type ParallelismConfigurationUpdate = {
  ConfigurationTypeUpdate?: ConfigurationType;
  ParallelismUpdate?: number;
  ParallelismPerKPUUpdate?: number;
  AutoScalingEnabledUpdate?: boolean;
};

export type PropertyGroup = {
  PropertyGroupId: string;
  PropertyMap: { [key: string]: string };
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

export type RollbackApplicationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId: number;
};

export type RollbackApplicationResponse = {
  ApplicationDetail: ApplicationDetail;
  OperationId?: string;
};

export type RunConfiguration = {
  FlinkRunConfiguration?: FlinkRunConfiguration;
  SqlRunConfigurations?: SqlRunConfiguration[];
  ApplicationRestoreConfiguration?: ApplicationRestoreConfiguration;
};

export type RunConfigurationDescription = {
  ApplicationRestoreConfigurationDescription?: ApplicationRestoreConfiguration;
  FlinkRunConfigurationDescription?: FlinkRunConfiguration;
};

export type RunConfigurationUpdate = {
  FlinkRunConfiguration?: FlinkRunConfiguration;
  ApplicationRestoreConfiguration?: ApplicationRestoreConfiguration;
};

export type RuntimeEnvironment = "SQL-1_0" | "FLINK-1_6" | "FLINK-1_8" | "ZEPPELIN-FLINK-1_0" | "FLINK-1_11" | "FLINK-1_13" | "ZEPPELIN-FLINK-2_0" | "FLINK-1_15" | "ZEPPELIN-FLINK-3_0" | "FLINK-1_18" | "FLINK-1_19" | "FLINK-1_20" | "FLINK-2_2";

export type S3ApplicationCodeLocationDescription = {
  BucketARN: string;
  FileKey: string;
  ObjectVersion?: string;
};

export type S3Configuration = {
  BucketARN: string;
  FileKey: string;
};

export type S3ContentBaseLocation = {
  BucketARN: string;
  BasePath?: string;
};

export type S3ContentBaseLocationDescription = {
  BucketARN: string;
  BasePath?: string;
};

export type S3ContentBaseLocationUpdate = {
  BucketARNUpdate?: string;
  BasePathUpdate?: string;
};

export type S3ContentLocation = {
  BucketARN: string;
  FileKey: string;
  ObjectVersion?: string;
};

export type S3ContentLocationUpdate = {
  BucketARNUpdate?: string;
  FileKeyUpdate?: string;
  ObjectVersionUpdate?: string;
};

export type S3ReferenceDataSource = {
  BucketARN?: string;
  FileKey?: string;
};

export type S3ReferenceDataSourceDescription = {
  BucketARN: string;
  FileKey: string;
  ReferenceRoleARN?: string;
};

export type S3ReferenceDataSourceUpdate = {
  BucketARNUpdate?: string;
  FileKeyUpdate?: string;
};

export type SnapshotDetails = {
  SnapshotName: string;
  SnapshotStatus: SnapshotStatus;
  ApplicationVersionId: number;
  SnapshotCreationTimestamp?: Date;
  RuntimeEnvironment?: RuntimeEnvironment;
  ApplicationEncryptionConfigurationDescription?: ApplicationEncryptionConfigurationDescription;
};

export type SnapshotStatus = "CREATING" | "READY" | "DELETING" | "FAILED";

export type SourceSchema = {
  RecordFormat: RecordFormat;
  RecordEncoding?: string;
  RecordColumns: RecordColumn[];
};

export type SqlApplicationConfiguration = {
  Inputs?: Input[];
  Outputs?: Output[];
  ReferenceDataSources?: ReferenceDataSource[];
};

export type SqlApplicationConfigurationDescription = {
  InputDescriptions?: InputDescription[];
  OutputDescriptions?: OutputDescription[];
  ReferenceDataSourceDescriptions?: ReferenceDataSourceDescription[];
};

export type SqlApplicationConfigurationUpdate = {
  InputUpdates?: InputUpdate[];
  OutputUpdates?: OutputUpdate[];
  ReferenceDataSourceUpdates?: ReferenceDataSourceUpdate[];
};

export type SqlRunConfiguration = {
  InputId: string;
  InputStartingPositionConfiguration: InputStartingPositionConfiguration;
};

export type StartApplicationRequest = {
  ApplicationName: string;
  RunConfiguration?: RunConfiguration;
};

export type StartApplicationResponse = {
  OperationId?: string;
};

export type StopApplicationRequest = {
  ApplicationName: string;
  Force?: boolean;
};

export type StopApplicationResponse = {
  OperationId?: string;
};

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

export type UpdateApplicationMaintenanceConfigurationRequest = {
  ApplicationName: string;
  ApplicationMaintenanceConfigurationUpdate: ApplicationMaintenanceConfigurationUpdate;
};

export type UpdateApplicationMaintenanceConfigurationResponse = {
  ApplicationARN?: string;
  ApplicationMaintenanceConfigurationDescription?: ApplicationMaintenanceConfigurationDescription;
};

export type UpdateApplicationRequest = {
  ApplicationName: string;
  CurrentApplicationVersionId?: number;
  ApplicationConfigurationUpdate?: ApplicationConfigurationUpdate;
  ServiceExecutionRoleUpdate?: string;
  RunConfigurationUpdate?: RunConfigurationUpdate;
  CloudWatchLoggingOptionUpdates?: CloudWatchLoggingOptionUpdate[];
  ConditionalToken?: string;
  RuntimeEnvironmentUpdate?: RuntimeEnvironment;
};

export type UpdateApplicationResponse = {
  ApplicationDetail: ApplicationDetail;
  OperationId?: string;
};

export type UrlType = "FLINK_DASHBOARD_URL" | "ZEPPELIN_UI_URL";

export type VpcConfiguration = {
  SubnetIds: string[];
  SecurityGroupIds: string[];
};

export type VpcConfigurationDescription = {
  VpcConfigurationId: string;
  VpcId: string;
  SubnetIds: string[];
  SecurityGroupIds: string[];
};

export type VpcConfigurationUpdate = {
  VpcConfigurationId: string;
  SubnetIdUpdates?: string[];
  SecurityGroupIdUpdates?: string[];
};

export type ZeppelinApplicationConfiguration = {
  MonitoringConfiguration?: ZeppelinMonitoringConfiguration;
  CatalogConfiguration?: CatalogConfiguration;
  DeployAsApplicationConfiguration?: DeployAsApplicationConfiguration;
  CustomArtifactsConfiguration?: CustomArtifactConfiguration[];
};

export type ZeppelinApplicationConfigurationDescription = {
  MonitoringConfigurationDescription: ZeppelinMonitoringConfigurationDescription;
  CatalogConfigurationDescription?: CatalogConfigurationDescription;
  DeployAsApplicationConfigurationDescription?: DeployAsApplicationConfigurationDescription;
  CustomArtifactsConfigurationDescription?: CustomArtifactConfigurationDescription[];
};

export type ZeppelinApplicationConfigurationUpdate = {
  MonitoringConfigurationUpdate?: ZeppelinMonitoringConfigurationUpdate;
  CatalogConfigurationUpdate?: CatalogConfigurationUpdate;
  DeployAsApplicationConfigurationUpdate?: DeployAsApplicationConfigurationUpdate;
  CustomArtifactsConfigurationUpdate?: CustomArtifactConfiguration[];
};

export type ZeppelinMonitoringConfiguration = {
  LogLevel: LogLevel;
};

export type ZeppelinMonitoringConfigurationDescription = {
  LogLevel?: LogLevel;
};

export type ZeppelinMonitoringConfigurationUpdate = {
  LogLevelUpdate: LogLevel;
};
