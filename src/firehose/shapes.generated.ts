// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/firehose-2015-08-04.json (Amazon Kinesis Firehose, API 2015-08-04, AWS JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BlobShape, BooleanShape, InputShape, ListShape, MapShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $DeliveryStreamName: StringShape = { type: "string", min: 1, max: 64, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $DeliveryStreamType: StringShape = { type: "string", enum: ["DirectPut","KinesisStreamAsSource","MSKAsSource","DatabaseAsSource"] };
const $ThroughputHintInMBs: NumberShape = { type: "integer", min: 1, max: 100 };
const $DirectPutSourceConfiguration: StructureShape = { type: "structure", name: "DirectPutSourceConfiguration", javaClass: "com.amazonaws.firehose.v20150804.DirectPutSourceConfiguration", members: [{ name: "ThroughputHintInMBs", shape: $ThroughputHintInMBs, required: true }] };
const $KinesisStreamARN: StringShape = { type: "string", min: 1, max: 512, pattern: "arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+)$", "u") };
const $RoleARN: StringShape = { type: "string", min: 1, max: 512, pattern: "arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+)$", "u") };
const $KinesisStreamSourceConfiguration: StructureShape = { type: "structure", name: "KinesisStreamSourceConfiguration", javaClass: "com.amazonaws.firehose.v20150804.KinesisStreamSourceConfiguration", members: [{ name: "KinesisStreamARN", shape: $KinesisStreamARN, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }] };
const $AWSKMSKeyARN: StringShape = { type: "string", min: 1, max: 512, pattern: "arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+)$", "u") };
const $KeyType: StringShape = { type: "string", enum: ["AWS_OWNED_CMK","CUSTOMER_MANAGED_CMK"] };
const $DeliveryStreamEncryptionConfigurationInput: StructureShape = { type: "structure", name: "DeliveryStreamEncryptionConfigurationInput", javaClass: "com.amazonaws.firehose.v20150804.DeliveryStreamEncryptionConfigurationInput", members: [{ name: "KeyARN", shape: $AWSKMSKeyARN }, { name: "KeyType", shape: $KeyType, required: true }] };
const $BucketARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*:s3:::[\\w\\.\\-]{1,255}", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*:s3:::[\\w\\.\\-]{1,255})$", "u") };
const $Prefix: StringShape = { type: "string", min: 0, max: 1024, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $ErrorOutputPrefix: StringShape = { type: "string", min: 0, max: 1024, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $SizeInMBs: NumberShape = { type: "integer", min: 1, max: 128 };
const $IntervalInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $BufferingHints: StructureShape = { type: "structure", name: "BufferingHints", javaClass: "com.amazonaws.firehose.v20150804.BufferingHints", members: [{ name: "SizeInMBs", shape: $SizeInMBs }, { name: "IntervalInSeconds", shape: $IntervalInSeconds }] };
const $CompressionFormat: StringShape = { type: "string", enum: ["UNCOMPRESSED","GZIP","ZIP","Snappy","HADOOP_SNAPPY"] };
const $NoEncryptionConfig: StringShape = { type: "string", enum: ["NoEncryption"] };
const $KMSEncryptionConfig: StructureShape = { type: "structure", name: "KMSEncryptionConfig", javaClass: "com.amazonaws.firehose.v20150804.KMSEncryptionConfig", members: [{ name: "AWSKMSKeyARN", shape: $AWSKMSKeyARN, required: true }] };
const $EncryptionConfiguration: StructureShape = { type: "structure", name: "EncryptionConfiguration", javaClass: "com.amazonaws.firehose.v20150804.EncryptionConfiguration", members: [{ name: "NoEncryptionConfig", shape: $NoEncryptionConfig }, { name: "KMSEncryptionConfig", shape: $KMSEncryptionConfig }] };
const $BooleanObject: BooleanShape = { type: "boolean" };
const $LogGroupName: StringShape = { type: "string", min: 0, max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]*", regex: new RegExp("^(?:[\\.\\-_/#A-Za-z0-9]*)$", "u") };
const $LogStreamName: StringShape = { type: "string", min: 0, max: 512, pattern: "[^:*]*", regex: new RegExp("^(?:[^:*]*)$", "u") };
const $CloudWatchLoggingOptions: StructureShape = { type: "structure", name: "CloudWatchLoggingOptions", javaClass: "com.amazonaws.firehose.v20150804.CloudWatchLoggingOptions", members: [{ name: "Enabled", shape: $BooleanObject }, { name: "LogGroupName", shape: $LogGroupName }, { name: "LogStreamName", shape: $LogStreamName }] };
const $S3DestinationConfiguration: StructureShape = { type: "structure", name: "S3DestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.S3DestinationConfiguration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "BucketARN", shape: $BucketARN, required: true }, { name: "Prefix", shape: $Prefix }, { name: "ErrorOutputPrefix", shape: $ErrorOutputPrefix }, { name: "BufferingHints", shape: $BufferingHints }, { name: "CompressionFormat", shape: $CompressionFormat }, { name: "EncryptionConfiguration", shape: $EncryptionConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }] };
const $ProcessorType: StringShape = { type: "string", enum: ["RecordDeAggregation","Decompression","CloudWatchLogProcessing","Lambda","MetadataExtraction","AppendDelimiterToRecord"] };
const $ProcessorParameterName: StringShape = { type: "string", enum: ["LambdaArn","NumberOfRetries","MetadataExtractionQuery","JsonParsingEngine","RoleArn","BufferSizeInMBs","BufferIntervalInSeconds","SubRecordType","Delimiter","CompressionFormat","DataMessageExtraction"] };
const $ProcessorParameterValue: StringShape = { type: "string", min: 1, max: 5120, pattern: "^(?!\\s*$).+", regex: new RegExp("^(?:^(?![ \\t\\n\\x0B\\f\\r]*$)[^\\n\\r\\u0085\\u2028\\u2029]+)$", "u") };
const $ProcessorParameter: StructureShape = { type: "structure", name: "ProcessorParameter", javaClass: "com.amazonaws.firehose.v20150804.ProcessorParameter", members: [{ name: "ParameterName", shape: $ProcessorParameterName, required: true }, { name: "ParameterValue", shape: $ProcessorParameterValue, required: true }] };
const $ProcessorParameterList: ListShape = { type: "list", member: $ProcessorParameter };
const $Processor: StructureShape = { type: "structure", name: "Processor", javaClass: "com.amazonaws.firehose.v20150804.Processor", members: [{ name: "Type", shape: $ProcessorType, required: true }, { name: "Parameters", shape: $ProcessorParameterList }] };
const $ProcessorList: ListShape = { type: "list", member: $Processor };
const $ProcessingConfiguration: StructureShape = { type: "structure", name: "ProcessingConfiguration", javaClass: "com.amazonaws.firehose.v20150804.ProcessingConfiguration", members: [{ name: "Enabled", shape: $BooleanObject }, { name: "Processors", shape: $ProcessorList }] };
const $S3BackupMode: StringShape = { type: "string", enum: ["Disabled","Enabled"] };
const $NonEmptyStringWithoutWhitespace: StringShape = { type: "string", min: 1, max: 1024, pattern: "^\\S+$", regex: new RegExp("^(?:^[^ \\t\\n\\x0B\\f\\r]+$)$", "u") };
const $SchemaConfiguration: StructureShape = { type: "structure", name: "SchemaConfiguration", javaClass: "com.amazonaws.firehose.v20150804.SchemaConfiguration", members: [{ name: "RoleARN", shape: $NonEmptyStringWithoutWhitespace }, { name: "CatalogId", shape: $NonEmptyStringWithoutWhitespace }, { name: "DatabaseName", shape: $NonEmptyStringWithoutWhitespace }, { name: "TableName", shape: $NonEmptyStringWithoutWhitespace }, { name: "Region", shape: $NonEmptyStringWithoutWhitespace }, { name: "VersionId", shape: $NonEmptyStringWithoutWhitespace }] };
const $NonEmptyString: StringShape = { type: "string", min: 1, max: 1024, pattern: "^(?!\\s*$).+", regex: new RegExp("^(?:^(?![ \\t\\n\\x0B\\f\\r]*$)[^\\n\\r\\u0085\\u2028\\u2029]+)$", "u") };
const $ColumnToJsonKeyMappings: MapShape = { type: "map", key: $NonEmptyStringWithoutWhitespace, value: $NonEmptyString };
const $OpenXJsonSerDe: StructureShape = { type: "structure", name: "OpenXJsonSerDe", javaClass: "com.amazonaws.firehose.v20150804.OpenXJsonSerDe", members: [{ name: "ConvertDotsInJsonKeysToUnderscores", shape: $BooleanObject }, { name: "CaseInsensitive", shape: $BooleanObject }, { name: "ColumnToJsonKeyMappings", shape: $ColumnToJsonKeyMappings }] };
const $ListOfNonEmptyStrings: ListShape = { type: "list", member: $NonEmptyString };
const $HiveJsonSerDe: StructureShape = { type: "structure", name: "HiveJsonSerDe", javaClass: "com.amazonaws.firehose.v20150804.HiveJsonSerDe", members: [{ name: "TimestampFormats", shape: $ListOfNonEmptyStrings }] };
const $Deserializer: StructureShape = { type: "structure", name: "Deserializer", javaClass: "com.amazonaws.firehose.v20150804.Deserializer", members: [{ name: "OpenXJsonSerDe", shape: $OpenXJsonSerDe }, { name: "HiveJsonSerDe", shape: $HiveJsonSerDe }] };
const $InputFormatConfiguration: StructureShape = { type: "structure", name: "InputFormatConfiguration", javaClass: "com.amazonaws.firehose.v20150804.InputFormatConfiguration", members: [{ name: "Deserializer", shape: $Deserializer }] };
const $BlockSizeBytes: NumberShape = { type: "integer", min: 67108864 };
const $ParquetPageSizeBytes: NumberShape = { type: "integer", min: 65536 };
const $ParquetCompression: StringShape = { type: "string", enum: ["UNCOMPRESSED","GZIP","SNAPPY"] };
const $NonNegativeIntegerObject: NumberShape = { type: "integer", min: 0 };
const $ParquetWriterVersion: StringShape = { type: "string", enum: ["V1","V2"] };
const $ParquetSerDe: StructureShape = { type: "structure", name: "ParquetSerDe", javaClass: "com.amazonaws.firehose.v20150804.ParquetSerDe", members: [{ name: "BlockSizeBytes", shape: $BlockSizeBytes }, { name: "PageSizeBytes", shape: $ParquetPageSizeBytes }, { name: "Compression", shape: $ParquetCompression }, { name: "EnableDictionaryCompression", shape: $BooleanObject }, { name: "MaxPaddingBytes", shape: $NonNegativeIntegerObject }, { name: "WriterVersion", shape: $ParquetWriterVersion }] };
const $OrcStripeSizeBytes: NumberShape = { type: "integer", min: 8388608 };
const $OrcRowIndexStride: NumberShape = { type: "integer", min: 1000 };
const $Proportion: NumberShape = { type: "double", min: 0, max: 1 };
const $OrcCompression: StringShape = { type: "string", enum: ["NONE","ZLIB","SNAPPY"] };
const $ListOfNonEmptyStringsWithoutWhitespace: ListShape = { type: "list", member: $NonEmptyStringWithoutWhitespace };
const $OrcFormatVersion: StringShape = { type: "string", enum: ["V0_11","V0_12"] };
const $OrcSerDe: StructureShape = { type: "structure", name: "OrcSerDe", javaClass: "com.amazonaws.firehose.v20150804.OrcSerDe", members: [{ name: "StripeSizeBytes", shape: $OrcStripeSizeBytes }, { name: "BlockSizeBytes", shape: $BlockSizeBytes }, { name: "RowIndexStride", shape: $OrcRowIndexStride }, { name: "EnablePadding", shape: $BooleanObject }, { name: "PaddingTolerance", shape: $Proportion }, { name: "Compression", shape: $OrcCompression }, { name: "BloomFilterColumns", shape: $ListOfNonEmptyStringsWithoutWhitespace }, { name: "BloomFilterFalsePositiveProbability", shape: $Proportion }, { name: "DictionaryKeyThreshold", shape: $Proportion }, { name: "FormatVersion", shape: $OrcFormatVersion }] };
const $Serializer: StructureShape = { type: "structure", name: "Serializer", javaClass: "com.amazonaws.firehose.v20150804.Serializer", members: [{ name: "ParquetSerDe", shape: $ParquetSerDe }, { name: "OrcSerDe", shape: $OrcSerDe }] };
const $OutputFormatConfiguration: StructureShape = { type: "structure", name: "OutputFormatConfiguration", javaClass: "com.amazonaws.firehose.v20150804.OutputFormatConfiguration", members: [{ name: "Serializer", shape: $Serializer }] };
const $DataFormatConversionConfiguration: StructureShape = { type: "structure", name: "DataFormatConversionConfiguration", javaClass: "com.amazonaws.firehose.v20150804.DataFormatConversionConfiguration", members: [{ name: "SchemaConfiguration", shape: $SchemaConfiguration }, { name: "InputFormatConfiguration", shape: $InputFormatConfiguration }, { name: "OutputFormatConfiguration", shape: $OutputFormatConfiguration }, { name: "Enabled", shape: $BooleanObject }] };
const $RetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $RetryOptions: StructureShape = { type: "structure", name: "RetryOptions", javaClass: "com.amazonaws.firehose.v20150804.RetryOptions", members: [{ name: "DurationInSeconds", shape: $RetryDurationInSeconds }] };
const $DynamicPartitioningConfiguration: StructureShape = { type: "structure", name: "DynamicPartitioningConfiguration", javaClass: "com.amazonaws.firehose.v20150804.DynamicPartitioningConfiguration", members: [{ name: "RetryOptions", shape: $RetryOptions }, { name: "Enabled", shape: $BooleanObject }] };
const $FileExtension: StringShape = { type: "string", min: 0, max: 128, pattern: "^$|\\.[0-9a-z!\\-_.*'()]+", regex: new RegExp("^(?:^$|\\.[0-9a-z!\\-_.*'()]+)$", "u") };
const $CustomTimeZone: StringShape = { type: "string", min: 0, max: 50, pattern: "^$|[a-zA-Z/_]+", regex: new RegExp("^(?:^$|[a-zA-Z/_]+)$", "u") };
const $ExtendedS3DestinationConfiguration: StructureShape = { type: "structure", name: "ExtendedS3DestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.ExtendedS3DestinationConfiguration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "BucketARN", shape: $BucketARN, required: true }, { name: "Prefix", shape: $Prefix }, { name: "ErrorOutputPrefix", shape: $ErrorOutputPrefix }, { name: "BufferingHints", shape: $BufferingHints }, { name: "CompressionFormat", shape: $CompressionFormat }, { name: "EncryptionConfiguration", shape: $EncryptionConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "S3BackupMode", shape: $S3BackupMode }, { name: "S3BackupConfiguration", shape: $S3DestinationConfiguration }, { name: "DataFormatConversionConfiguration", shape: $DataFormatConversionConfiguration }, { name: "DynamicPartitioningConfiguration", shape: $DynamicPartitioningConfiguration }, { name: "FileExtension", shape: $FileExtension }, { name: "CustomTimeZone", shape: $CustomTimeZone }] };
const $ClusterJDBCURL: StringShape = { type: "string", min: 1, max: 512, pattern: "jdbc:(redshift|postgresql)://((?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+(redshift(-serverless)?)\\.([a-zA-Z0-9\\.\\-]+):\\d{1,5}/[a-zA-Z0-9_$-]+", regex: new RegExp("^(?:jdbc:(?:redshift|postgresql)://(?=((?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+?redshift(?:-serverless)?\\.))\\1[a-zA-Z0-9\\.\\-]+:\\d{1,5}/[a-zA-Z0-9_$-]+)$", "u") };
const $DataTableName: StringShape = { type: "string", min: 1, max: 512, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $DataTableColumns: StringShape = { type: "string", min: 0, max: 10240, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $CopyOptions: StringShape = { type: "string", min: 0, max: 10240, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $CopyCommand: StructureShape = { type: "structure", name: "CopyCommand", javaClass: "com.amazonaws.firehose.v20150804.CopyCommand", members: [{ name: "DataTableName", shape: $DataTableName, required: true }, { name: "DataTableColumns", shape: $DataTableColumns }, { name: "CopyOptions", shape: $CopyOptions }] };
const $Username: StringShape = { type: "string", min: 1, max: 512, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $Password: StringShape = { type: "string", min: 6, max: 512, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $RedshiftRetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $RedshiftRetryOptions: StructureShape = { type: "structure", name: "RedshiftRetryOptions", javaClass: "com.amazonaws.firehose.v20150804.RedshiftRetryOptions", members: [{ name: "DurationInSeconds", shape: $RedshiftRetryDurationInSeconds }] };
const $RedshiftS3BackupMode: StringShape = { type: "string", enum: ["Disabled","Enabled"] };
const $SecretARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:.*:secretsmanager:[a-zA-Z0-9\\-]+:\\d{12}:secret:[a-zA-Z0-9\\-/_+=.@!]+", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*:secretsmanager:[a-zA-Z0-9\\-]+:\\d{12}:secret:[a-zA-Z0-9\\-/_+=.@!]+)$", "u") };
const $SecretsManagerConfiguration: StructureShape = { type: "structure", name: "SecretsManagerConfiguration", javaClass: "com.amazonaws.firehose.v20150804.SecretsManagerConfiguration", members: [{ name: "SecretARN", shape: $SecretARN }, { name: "RoleARN", shape: $RoleARN }, { name: "Enabled", shape: $BooleanObject, required: true }] };
const $RedshiftDestinationConfiguration: StructureShape = { type: "structure", name: "RedshiftDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.RedshiftDestinationConfiguration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "ClusterJDBCURL", shape: $ClusterJDBCURL, required: true }, { name: "CopyCommand", shape: $CopyCommand, required: true }, { name: "Username", shape: $Username }, { name: "Password", shape: $Password }, { name: "RetryOptions", shape: $RedshiftRetryOptions }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "S3BackupMode", shape: $RedshiftS3BackupMode }, { name: "S3BackupConfiguration", shape: $S3DestinationConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }] };
const $ElasticsearchDomainARN: StringShape = { type: "string", min: 1, max: 512, pattern: "arn:.*:es:[a-zA-Z0-9\\-]+:\\d{12}:domain/[a-z][-0-9a-z]{2,27}", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*:es:[a-zA-Z0-9\\-]+:\\d{12}:domain/[a-z][-0-9a-z]{2,27})$", "u") };
const $ElasticsearchClusterEndpoint: StringShape = { type: "string", min: 1, max: 512, pattern: "https:.*", regex: new RegExp("^(?:https:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $ElasticsearchIndexName: StringShape = { type: "string", min: 1, max: 80, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $ElasticsearchTypeName: StringShape = { type: "string", min: 0, max: 100, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $ElasticsearchIndexRotationPeriod: StringShape = { type: "string", enum: ["NoRotation","OneHour","OneDay","OneWeek","OneMonth"] };
const $ElasticsearchBufferingIntervalInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $ElasticsearchBufferingSizeInMBs: NumberShape = { type: "integer", min: 1, max: 100 };
const $ElasticsearchBufferingHints: StructureShape = { type: "structure", name: "ElasticsearchBufferingHints", javaClass: "com.amazonaws.firehose.v20150804.ElasticsearchBufferingHints", members: [{ name: "IntervalInSeconds", shape: $ElasticsearchBufferingIntervalInSeconds }, { name: "SizeInMBs", shape: $ElasticsearchBufferingSizeInMBs }] };
const $ElasticsearchRetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $ElasticsearchRetryOptions: StructureShape = { type: "structure", name: "ElasticsearchRetryOptions", javaClass: "com.amazonaws.firehose.v20150804.ElasticsearchRetryOptions", members: [{ name: "DurationInSeconds", shape: $ElasticsearchRetryDurationInSeconds }] };
const $ElasticsearchS3BackupMode: StringShape = { type: "string", enum: ["FailedDocumentsOnly","AllDocuments"] };
const $SubnetIdList: ListShape = { type: "list", member: $NonEmptyStringWithoutWhitespace, min: 1, max: 16 };
const $SecurityGroupIdList: ListShape = { type: "list", member: $NonEmptyStringWithoutWhitespace, min: 1, max: 5 };
const $VpcConfiguration: StructureShape = { type: "structure", name: "VpcConfiguration", javaClass: "com.amazonaws.firehose.v20150804.VpcConfiguration", members: [{ name: "SubnetIds", shape: $SubnetIdList, required: true }, { name: "RoleARN", shape: $RoleARN, required: true }, { name: "SecurityGroupIds", shape: $SecurityGroupIdList, required: true }] };
const $DefaultDocumentIdFormat: StringShape = { type: "string", enum: ["FIREHOSE_DEFAULT","NO_DOCUMENT_ID"] };
const $DocumentIdOptions: StructureShape = { type: "structure", name: "DocumentIdOptions", javaClass: "com.amazonaws.firehose.v20150804.DocumentIdOptions", members: [{ name: "DefaultDocumentIdFormat", shape: $DefaultDocumentIdFormat, required: true }] };
const $ElasticsearchDestinationConfiguration: StructureShape = { type: "structure", name: "ElasticsearchDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.ElasticsearchDestinationConfiguration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "DomainARN", shape: $ElasticsearchDomainARN }, { name: "ClusterEndpoint", shape: $ElasticsearchClusterEndpoint }, { name: "IndexName", shape: $ElasticsearchIndexName, required: true }, { name: "TypeName", shape: $ElasticsearchTypeName }, { name: "IndexRotationPeriod", shape: $ElasticsearchIndexRotationPeriod }, { name: "BufferingHints", shape: $ElasticsearchBufferingHints }, { name: "RetryOptions", shape: $ElasticsearchRetryOptions }, { name: "S3BackupMode", shape: $ElasticsearchS3BackupMode }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "VpcConfiguration", shape: $VpcConfiguration }, { name: "DocumentIdOptions", shape: $DocumentIdOptions }] };
const $AmazonopensearchserviceDomainARN: StringShape = { type: "string", min: 1, max: 512, pattern: "arn:.*:es:[a-zA-Z0-9\\-]+:\\d{12}:domain/[a-z][-0-9a-z]{2,27}", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*:es:[a-zA-Z0-9\\-]+:\\d{12}:domain/[a-z][-0-9a-z]{2,27})$", "u") };
const $AmazonopensearchserviceClusterEndpoint: StringShape = { type: "string", min: 1, max: 512, pattern: "https:.*", regex: new RegExp("^(?:https:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $AmazonopensearchserviceIndexName: StringShape = { type: "string", min: 1, max: 80, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $AmazonopensearchserviceTypeName: StringShape = { type: "string", min: 0, max: 100, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $AmazonopensearchserviceIndexRotationPeriod: StringShape = { type: "string", enum: ["NoRotation","OneHour","OneDay","OneWeek","OneMonth"] };
const $AmazonopensearchserviceBufferingIntervalInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $AmazonopensearchserviceBufferingSizeInMBs: NumberShape = { type: "integer", min: 1, max: 100 };
const $AmazonopensearchserviceBufferingHints: StructureShape = { type: "structure", name: "AmazonopensearchserviceBufferingHints", javaClass: "com.amazonaws.firehose.v20150804.AmazonopensearchserviceBufferingHints", members: [{ name: "IntervalInSeconds", shape: $AmazonopensearchserviceBufferingIntervalInSeconds }, { name: "SizeInMBs", shape: $AmazonopensearchserviceBufferingSizeInMBs }] };
const $AmazonopensearchserviceRetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $AmazonopensearchserviceRetryOptions: StructureShape = { type: "structure", name: "AmazonopensearchserviceRetryOptions", javaClass: "com.amazonaws.firehose.v20150804.AmazonopensearchserviceRetryOptions", members: [{ name: "DurationInSeconds", shape: $AmazonopensearchserviceRetryDurationInSeconds }] };
const $AmazonopensearchserviceS3BackupMode: StringShape = { type: "string", enum: ["FailedDocumentsOnly","AllDocuments"] };
const $AmazonopensearchserviceDestinationConfiguration: StructureShape = { type: "structure", name: "AmazonopensearchserviceDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.AmazonopensearchserviceDestinationConfiguration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "DomainARN", shape: $AmazonopensearchserviceDomainARN }, { name: "ClusterEndpoint", shape: $AmazonopensearchserviceClusterEndpoint }, { name: "IndexName", shape: $AmazonopensearchserviceIndexName, required: true }, { name: "TypeName", shape: $AmazonopensearchserviceTypeName }, { name: "IndexRotationPeriod", shape: $AmazonopensearchserviceIndexRotationPeriod }, { name: "BufferingHints", shape: $AmazonopensearchserviceBufferingHints }, { name: "RetryOptions", shape: $AmazonopensearchserviceRetryOptions }, { name: "S3BackupMode", shape: $AmazonopensearchserviceS3BackupMode }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "VpcConfiguration", shape: $VpcConfiguration }, { name: "DocumentIdOptions", shape: $DocumentIdOptions }] };
const $HECEndpoint: StringShape = { type: "string", min: 0, max: 2048, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $HECEndpointType: StringShape = { type: "string", enum: ["Raw","Event"] };
const $HECToken: StringShape = { type: "string", min: 0, max: 2048, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $HECAcknowledgmentTimeoutInSeconds: NumberShape = { type: "integer", min: 180, max: 600 };
const $SplunkRetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $SplunkRetryOptions: StructureShape = { type: "structure", name: "SplunkRetryOptions", javaClass: "com.amazonaws.firehose.v20150804.SplunkRetryOptions", members: [{ name: "DurationInSeconds", shape: $SplunkRetryDurationInSeconds }] };
const $SplunkS3BackupMode: StringShape = { type: "string", enum: ["FailedEventsOnly","AllEvents"] };
const $SplunkBufferingIntervalInSeconds: NumberShape = { type: "integer", min: 0, max: 60 };
const $SplunkBufferingSizeInMBs: NumberShape = { type: "integer", min: 1, max: 5 };
const $SplunkBufferingHints: StructureShape = { type: "structure", name: "SplunkBufferingHints", javaClass: "com.amazonaws.firehose.v20150804.SplunkBufferingHints", members: [{ name: "IntervalInSeconds", shape: $SplunkBufferingIntervalInSeconds }, { name: "SizeInMBs", shape: $SplunkBufferingSizeInMBs }] };
const $SplunkDestinationConfiguration: StructureShape = { type: "structure", name: "SplunkDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.SplunkDestinationConfiguration", members: [{ name: "HECEndpoint", shape: $HECEndpoint, required: true }, { name: "HECEndpointType", shape: $HECEndpointType, required: true }, { name: "HECToken", shape: $HECToken }, { name: "HECAcknowledgmentTimeoutInSeconds", shape: $HECAcknowledgmentTimeoutInSeconds }, { name: "RetryOptions", shape: $SplunkRetryOptions }, { name: "S3BackupMode", shape: $SplunkS3BackupMode }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "BufferingHints", shape: $SplunkBufferingHints }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }] };
const $HttpEndpointUrl: StringShape = { type: "string", min: 1, max: 1000, pattern: "https://.*", regex: new RegExp("^(?:https://[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $HttpEndpointName: StringShape = { type: "string", min: 1, max: 256, pattern: "^(?!\\s*$).+", regex: new RegExp("^(?:^(?![ \\t\\n\\x0B\\f\\r]*$)[^\\n\\r\\u0085\\u2028\\u2029]+)$", "u") };
const $HttpEndpointAccessKey: StringShape = { type: "string", min: 0, max: 4096, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $HttpEndpointConfiguration: StructureShape = { type: "structure", name: "HttpEndpointConfiguration", javaClass: "com.amazonaws.firehose.v20150804.HttpEndpointConfiguration", members: [{ name: "Url", shape: $HttpEndpointUrl, required: true }, { name: "Name", shape: $HttpEndpointName }, { name: "AccessKey", shape: $HttpEndpointAccessKey }] };
const $HttpEndpointBufferingSizeInMBs: NumberShape = { type: "integer", min: 1, max: 64 };
const $HttpEndpointBufferingIntervalInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $HttpEndpointBufferingHints: StructureShape = { type: "structure", name: "HttpEndpointBufferingHints", javaClass: "com.amazonaws.firehose.v20150804.HttpEndpointBufferingHints", members: [{ name: "SizeInMBs", shape: $HttpEndpointBufferingSizeInMBs }, { name: "IntervalInSeconds", shape: $HttpEndpointBufferingIntervalInSeconds }] };
const $ContentEncoding: StringShape = { type: "string", enum: ["NONE","GZIP"] };
const $HttpEndpointAttributeName: StringShape = { type: "string", min: 1, max: 256, pattern: "^(?!\\s*$).+", regex: new RegExp("^(?:^(?![ \\t\\n\\x0B\\f\\r]*$)[^\\n\\r\\u0085\\u2028\\u2029]+)$", "u") };
const $HttpEndpointAttributeValue: StringShape = { type: "string", min: 0, max: 1024, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $HttpEndpointCommonAttribute: StructureShape = { type: "structure", name: "HttpEndpointCommonAttribute", javaClass: "com.amazonaws.firehose.v20150804.HttpEndpointCommonAttribute", members: [{ name: "AttributeName", shape: $HttpEndpointAttributeName, required: true }, { name: "AttributeValue", shape: $HttpEndpointAttributeValue, required: true }] };
const $HttpEndpointCommonAttributesList: ListShape = { type: "list", member: $HttpEndpointCommonAttribute, min: 0, max: 50 };
const $HttpEndpointRequestConfiguration: StructureShape = { type: "structure", name: "HttpEndpointRequestConfiguration", javaClass: "com.amazonaws.firehose.v20150804.HttpEndpointRequestConfiguration", members: [{ name: "ContentEncoding", shape: $ContentEncoding }, { name: "CommonAttributes", shape: $HttpEndpointCommonAttributesList }] };
const $HttpEndpointRetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $HttpEndpointRetryOptions: StructureShape = { type: "structure", name: "HttpEndpointRetryOptions", javaClass: "com.amazonaws.firehose.v20150804.HttpEndpointRetryOptions", members: [{ name: "DurationInSeconds", shape: $HttpEndpointRetryDurationInSeconds }] };
const $HttpEndpointS3BackupMode: StringShape = { type: "string", enum: ["FailedDataOnly","AllData"] };
const $HttpEndpointDestinationConfiguration: StructureShape = { type: "structure", name: "HttpEndpointDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.HttpEndpointDestinationConfiguration", members: [{ name: "EndpointConfiguration", shape: $HttpEndpointConfiguration, required: true }, { name: "BufferingHints", shape: $HttpEndpointBufferingHints }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "RequestConfiguration", shape: $HttpEndpointRequestConfiguration }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "RoleARN", shape: $RoleARN }, { name: "RetryOptions", shape: $HttpEndpointRetryOptions }, { name: "S3BackupMode", shape: $HttpEndpointS3BackupMode }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }] };
const $TagKey: StringShape = { type: "string", min: 1, max: 128, pattern: "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$", regex: new RegExp("^(?:^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$)$", "u") };
const $TagValue: StringShape = { type: "string", min: 0, max: 256, pattern: "^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$", regex: new RegExp("^(?:^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$)$", "u") };
const $Tag: StructureShape = { type: "structure", name: "Tag", javaClass: "com.amazonaws.firehose.v20150804.Tag", members: [{ name: "Key", shape: $TagKey, required: true }, { name: "Value", shape: $TagValue }] };
const $TagDeliveryStreamInputTagList: ListShape = { type: "list", member: $Tag, min: 1, max: 50 };
const $AmazonOpenSearchServerlessCollectionEndpoint: StringShape = { type: "string", min: 1, max: 512, pattern: "https:.*", regex: new RegExp("^(?:https:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $AmazonOpenSearchServerlessIndexName: StringShape = { type: "string", min: 1, max: 80, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $AmazonOpenSearchServerlessBufferingIntervalInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $AmazonOpenSearchServerlessBufferingSizeInMBs: NumberShape = { type: "integer", min: 1, max: 100 };
const $AmazonOpenSearchServerlessBufferingHints: StructureShape = { type: "structure", name: "AmazonOpenSearchServerlessBufferingHints", javaClass: "com.amazonaws.firehose.v20150804.AmazonOpenSearchServerlessBufferingHints", members: [{ name: "IntervalInSeconds", shape: $AmazonOpenSearchServerlessBufferingIntervalInSeconds }, { name: "SizeInMBs", shape: $AmazonOpenSearchServerlessBufferingSizeInMBs }] };
const $AmazonOpenSearchServerlessRetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $AmazonOpenSearchServerlessRetryOptions: StructureShape = { type: "structure", name: "AmazonOpenSearchServerlessRetryOptions", javaClass: "com.amazonaws.firehose.v20150804.AmazonOpenSearchServerlessRetryOptions", members: [{ name: "DurationInSeconds", shape: $AmazonOpenSearchServerlessRetryDurationInSeconds }] };
const $AmazonOpenSearchServerlessS3BackupMode: StringShape = { type: "string", enum: ["FailedDocumentsOnly","AllDocuments"] };
const $AmazonOpenSearchServerlessDestinationConfiguration: StructureShape = { type: "structure", name: "AmazonOpenSearchServerlessDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.AmazonOpenSearchServerlessDestinationConfiguration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "CollectionEndpoint", shape: $AmazonOpenSearchServerlessCollectionEndpoint }, { name: "IndexName", shape: $AmazonOpenSearchServerlessIndexName, required: true }, { name: "BufferingHints", shape: $AmazonOpenSearchServerlessBufferingHints }, { name: "RetryOptions", shape: $AmazonOpenSearchServerlessRetryOptions }, { name: "S3BackupMode", shape: $AmazonOpenSearchServerlessS3BackupMode }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "VpcConfiguration", shape: $VpcConfiguration }] };
const $MSKClusterARN: StringShape = { type: "string", min: 1, max: 512, pattern: "arn:.*", regex: new RegExp("^(?:arn:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $TopicName: StringShape = { type: "string", min: 1, max: 255, pattern: "[a-zA-Z0-9\\\\._\\\\-]+", regex: new RegExp("^(?:[a-zA-Z0-9\\\\._\\\\-]+)$", "u") };
const $Connectivity: StringShape = { type: "string", enum: ["PUBLIC","PRIVATE"] };
const $AuthenticationConfiguration: StructureShape = { type: "structure", name: "AuthenticationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.AuthenticationConfiguration", members: [{ name: "RoleARN", shape: $RoleARN, required: true }, { name: "Connectivity", shape: $Connectivity, required: true }] };
const $ReadFromTimestamp: TimestampShape = { type: "timestamp" };
const $MSKSourceConfiguration: StructureShape = { type: "structure", name: "MSKSourceConfiguration", javaClass: "com.amazonaws.firehose.v20150804.MSKSourceConfiguration", members: [{ name: "MSKClusterARN", shape: $MSKClusterARN, required: true }, { name: "TopicName", shape: $TopicName, required: true }, { name: "AuthenticationConfiguration", shape: $AuthenticationConfiguration, required: true }, { name: "ReadFromTimestamp", shape: $ReadFromTimestamp }] };
const $SnowflakeAccountUrl: StringShape = { type: "string", min: 24, max: 2048, pattern: ".+?\\.snowflakecomputing\\.com", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]+?\\.snowflakecomputing\\.com)$", "u") };
const $SnowflakePrivateKey: StringShape = { type: "string", min: 256, max: 4096, pattern: "^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=)?$", regex: new RegExp("^(?:^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=)?$)$", "u") };
const $SnowflakeKeyPassphrase: StringShape = { type: "string", min: 7, max: 255 };
const $SnowflakeUser: StringShape = { type: "string", min: 1, max: 255 };
const $SnowflakeDatabase: StringShape = { type: "string", min: 1, max: 255 };
const $SnowflakeSchema: StringShape = { type: "string", min: 1, max: 255 };
const $SnowflakeTable: StringShape = { type: "string", min: 1, max: 255 };
const $SnowflakeRole: StringShape = { type: "string", min: 1, max: 255 };
const $SnowflakeRoleConfiguration: StructureShape = { type: "structure", name: "SnowflakeRoleConfiguration", javaClass: "com.amazonaws.firehose.v20150804.SnowflakeRoleConfiguration", members: [{ name: "Enabled", shape: $BooleanObject }, { name: "SnowflakeRole", shape: $SnowflakeRole }] };
const $SnowflakeDataLoadingOption: StringShape = { type: "string", enum: ["JSON_MAPPING","VARIANT_CONTENT_MAPPING","VARIANT_CONTENT_AND_METADATA_MAPPING"] };
const $SnowflakeMetaDataColumnName: StringShape = { type: "string", min: 1, max: 255 };
const $SnowflakeContentColumnName: StringShape = { type: "string", min: 1, max: 255 };
const $SnowflakePrivateLinkVpceId: StringShape = { type: "string", min: 47, max: 255, pattern: "([a-zA-Z0-9\\-\\_]+\\.){2,3}vpce\\.[a-zA-Z0-9\\-]*\\.vpce-svc\\-[a-zA-Z0-9\\-]{17}$", regex: new RegExp("^(?:([a-zA-Z0-9\\-_]+\\.){2,3}vpce\\.[a-zA-Z0-9\\-]*\\.vpce-svc-[a-zA-Z0-9\\-]{17}$)$", "u") };
const $SnowflakeVpcConfiguration: StructureShape = { type: "structure", name: "SnowflakeVpcConfiguration", javaClass: "com.amazonaws.firehose.v20150804.SnowflakeVpcConfiguration", members: [{ name: "PrivateLinkVpceId", shape: $SnowflakePrivateLinkVpceId, required: true }] };
const $SnowflakeRetryDurationInSeconds: NumberShape = { type: "integer", min: 0, max: 7200 };
const $SnowflakeRetryOptions: StructureShape = { type: "structure", name: "SnowflakeRetryOptions", javaClass: "com.amazonaws.firehose.v20150804.SnowflakeRetryOptions", members: [{ name: "DurationInSeconds", shape: $SnowflakeRetryDurationInSeconds }] };
const $SnowflakeS3BackupMode: StringShape = { type: "string", enum: ["FailedDataOnly","AllData"] };
const $SnowflakeBufferingSizeInMBs: NumberShape = { type: "integer", min: 1, max: 128 };
const $SnowflakeBufferingIntervalInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $SnowflakeBufferingHints: StructureShape = { type: "structure", name: "SnowflakeBufferingHints", javaClass: "com.amazonaws.firehose.v20150804.SnowflakeBufferingHints", members: [{ name: "SizeInMBs", shape: $SnowflakeBufferingSizeInMBs }, { name: "IntervalInSeconds", shape: $SnowflakeBufferingIntervalInSeconds }] };
const $SnowflakeDestinationConfiguration: StructureShape = { type: "structure", name: "SnowflakeDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.SnowflakeDestinationConfiguration", members: [{ name: "AccountUrl", shape: $SnowflakeAccountUrl, required: true }, { name: "PrivateKey", shape: $SnowflakePrivateKey }, { name: "KeyPassphrase", shape: $SnowflakeKeyPassphrase }, { name: "User", shape: $SnowflakeUser }, { name: "Database", shape: $SnowflakeDatabase, required: true }, { name: "Schema", shape: $SnowflakeSchema, required: true }, { name: "Table", shape: $SnowflakeTable, required: true }, { name: "SnowflakeRoleConfiguration", shape: $SnowflakeRoleConfiguration }, { name: "DataLoadingOption", shape: $SnowflakeDataLoadingOption }, { name: "MetaDataColumnName", shape: $SnowflakeMetaDataColumnName }, { name: "ContentColumnName", shape: $SnowflakeContentColumnName }, { name: "SnowflakeVpcConfiguration", shape: $SnowflakeVpcConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "RoleARN", shape: $RoleARN, required: true }, { name: "RetryOptions", shape: $SnowflakeRetryOptions }, { name: "S3BackupMode", shape: $SnowflakeS3BackupMode }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }, { name: "BufferingHints", shape: $SnowflakeBufferingHints }] };
const $StringWithLettersDigitsUnderscoresDots: StringShape = { type: "string", min: 1, max: 255, pattern: "[a-zA-Z0-9\\.\\_]+", regex: new RegExp("^(?:[a-zA-Z0-9\\._]+)$", "u") };
const $PartitionField: StructureShape = { type: "structure", name: "PartitionField", javaClass: "com.amazonaws.firehose.v20150804.PartitionField", members: [{ name: "SourceName", shape: $NonEmptyStringWithoutWhitespace, required: true }] };
const $PartitionFields: ListShape = { type: "list", member: $PartitionField };
const $PartitionSpec: StructureShape = { type: "structure", name: "PartitionSpec", javaClass: "com.amazonaws.firehose.v20150804.PartitionSpec", members: [{ name: "Identity", shape: $PartitionFields }] };
const $DestinationTableConfiguration: StructureShape = { type: "structure", name: "DestinationTableConfiguration", javaClass: "com.amazonaws.firehose.v20150804.DestinationTableConfiguration", members: [{ name: "DestinationTableName", shape: $StringWithLettersDigitsUnderscoresDots, required: true }, { name: "DestinationDatabaseName", shape: $StringWithLettersDigitsUnderscoresDots, required: true }, { name: "UniqueKeys", shape: $ListOfNonEmptyStringsWithoutWhitespace }, { name: "PartitionSpec", shape: $PartitionSpec }, { name: "S3ErrorOutputPrefix", shape: $ErrorOutputPrefix }] };
const $DestinationTableConfigurationList: ListShape = { type: "list", member: $DestinationTableConfiguration };
const $SchemaEvolutionConfiguration: StructureShape = { type: "structure", name: "SchemaEvolutionConfiguration", javaClass: "com.amazonaws.firehose.v20150804.SchemaEvolutionConfiguration", members: [{ name: "Enabled", shape: $BooleanObject, required: true }] };
const $TableCreationConfiguration: StructureShape = { type: "structure", name: "TableCreationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.TableCreationConfiguration", members: [{ name: "Enabled", shape: $BooleanObject, required: true }] };
const $IcebergS3BackupMode: StringShape = { type: "string", enum: ["FailedDataOnly","AllData"] };
const $GlueDataCatalogARN: StringShape = { type: "string", min: 1, max: 512, pattern: "arn:.*:glue:.*:\\d{12}:catalog(?:(/[a-z0-9_-]+){1,2})?", regex: new RegExp("^(?:arn:(?=([^\\n\\r\\u0085\\u2028\\u2029]*?:glue:))\\1(?=([^\\n\\r\\u0085\\u2028\\u2029]*:\\d{12}:catalog))\\2(?:(/[a-z0-9_-]+){1,2})?)$", "u") };
const $WarehouseLocation: StringShape = { type: "string", min: 1, max: 2048, pattern: "s3:\\/\\/.*", regex: new RegExp("^(?:s3:\\/\\/[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $CatalogConfiguration: StructureShape = { type: "structure", name: "CatalogConfiguration", javaClass: "com.amazonaws.firehose.v20150804.CatalogConfiguration", members: [{ name: "CatalogARN", shape: $GlueDataCatalogARN }, { name: "WarehouseLocation", shape: $WarehouseLocation }] };
const $IcebergDestinationConfiguration: StructureShape = { type: "structure", name: "IcebergDestinationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.IcebergDestinationConfiguration", members: [{ name: "DestinationTableConfigurationList", shape: $DestinationTableConfigurationList }, { name: "SchemaEvolutionConfiguration", shape: $SchemaEvolutionConfiguration }, { name: "TableCreationConfiguration", shape: $TableCreationConfiguration }, { name: "BufferingHints", shape: $BufferingHints }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "S3BackupMode", shape: $IcebergS3BackupMode }, { name: "RetryOptions", shape: $RetryOptions }, { name: "RoleARN", shape: $RoleARN, required: true }, { name: "AppendOnly", shape: $BooleanObject }, { name: "CatalogConfiguration", shape: $CatalogConfiguration, required: true }, { name: "S3Configuration", shape: $S3DestinationConfiguration, required: true }] };
const $DatabaseType: StringShape = { type: "string", enum: ["MySQL","PostgreSQL"] };
const $DatabaseEndpoint: StringShape = { type: "string", min: 1, max: 255, pattern: "^(?!\\s*$).+", regex: new RegExp("^(?:^(?![ \\t\\n\\x0B\\f\\r]*$)[^\\n\\r\\u0085\\u2028\\u2029]+)$", "u") };
const $DatabasePort: NumberShape = { type: "integer", min: 0, max: 65535 };
const $SSLMode: StringShape = { type: "string", enum: ["Disabled","Enabled"] };
const $DatabaseName: StringShape = { type: "string", min: 1, max: 64, pattern: "[\\u0001-\\uFFFF]*", regex: new RegExp("^(?:[\\u0001-\\uFFFF]*)$", "u") };
const $DatabaseIncludeOrExcludeList: ListShape = { type: "list", member: $DatabaseName };
const $DatabaseList: StructureShape = { type: "structure", name: "DatabaseList", javaClass: "com.amazonaws.firehose.v20150804.DatabaseList", members: [{ name: "Include", shape: $DatabaseIncludeOrExcludeList }, { name: "Exclude", shape: $DatabaseIncludeOrExcludeList }] };
const $DatabaseTableName: StringShape = { type: "string", min: 1, max: 129, pattern: "[\\u0001-\\uFFFF]*", regex: new RegExp("^(?:[\\u0001-\\uFFFF]*)$", "u") };
const $DatabaseTableIncludeOrExcludeList: ListShape = { type: "list", member: $DatabaseTableName };
const $DatabaseTableList: StructureShape = { type: "structure", name: "DatabaseTableList", javaClass: "com.amazonaws.firehose.v20150804.DatabaseTableList", members: [{ name: "Include", shape: $DatabaseTableIncludeOrExcludeList }, { name: "Exclude", shape: $DatabaseTableIncludeOrExcludeList }] };
const $DatabaseColumnName: StringShape = { type: "string", min: 1, max: 194, pattern: "[\\u0001-\\uFFFF]*", regex: new RegExp("^(?:[\\u0001-\\uFFFF]*)$", "u") };
const $DatabaseColumnIncludeOrExcludeList: ListShape = { type: "list", member: $DatabaseColumnName };
const $DatabaseColumnList: StructureShape = { type: "structure", name: "DatabaseColumnList", javaClass: "com.amazonaws.firehose.v20150804.DatabaseColumnList", members: [{ name: "Include", shape: $DatabaseColumnIncludeOrExcludeList }, { name: "Exclude", shape: $DatabaseColumnIncludeOrExcludeList }] };
const $DatabaseSurrogateKeyList: ListShape = { type: "list", member: $NonEmptyStringWithoutWhitespace };
const $DatabaseSourceAuthenticationConfiguration: StructureShape = { type: "structure", name: "DatabaseSourceAuthenticationConfiguration", javaClass: "com.amazonaws.firehose.v20150804.DatabaseSourceAuthenticationConfiguration", members: [{ name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration, required: true }] };
const $VpcEndpointServiceName: StringShape = { type: "string", min: 47, max: 255, pattern: "([a-zA-Z0-9\\-\\_]+\\.){2,3}vpce\\.[a-zA-Z0-9\\-]*\\.vpce-svc\\-[a-zA-Z0-9\\-]{17}$", regex: new RegExp("^(?:([a-zA-Z0-9\\-_]+\\.){2,3}vpce\\.[a-zA-Z0-9\\-]*\\.vpce-svc-[a-zA-Z0-9\\-]{17}$)$", "u") };
const $DatabaseSourceVPCConfiguration: StructureShape = { type: "structure", name: "DatabaseSourceVPCConfiguration", javaClass: "com.amazonaws.firehose.v20150804.DatabaseSourceVPCConfiguration", members: [{ name: "VpcEndpointServiceName", shape: $VpcEndpointServiceName, required: true }] };
const $DatabaseSourceConfiguration: StructureShape = { type: "structure", name: "DatabaseSourceConfiguration", javaClass: "com.amazonaws.firehose.v20150804.DatabaseSourceConfiguration", members: [{ name: "Type", shape: $DatabaseType, required: true }, { name: "Endpoint", shape: $DatabaseEndpoint, required: true }, { name: "Port", shape: $DatabasePort, required: true }, { name: "SSLMode", shape: $SSLMode }, { name: "Databases", shape: $DatabaseList, required: true }, { name: "Tables", shape: $DatabaseTableList, required: true }, { name: "Columns", shape: $DatabaseColumnList }, { name: "SurrogateKeys", shape: $DatabaseSurrogateKeyList }, { name: "SnapshotWatermarkTable", shape: $DatabaseTableName, required: true }, { name: "DatabaseSourceAuthenticationConfiguration", shape: $DatabaseSourceAuthenticationConfiguration, required: true }, { name: "DatabaseSourceVPCConfiguration", shape: $DatabaseSourceVPCConfiguration, required: true }] };
const $CreateDeliveryStreamInput: StructureShape = { type: "structure", name: "CreateDeliveryStreamInput", javaClass: "com.amazonaws.firehose.v20150804.CreateDeliveryStreamInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "DeliveryStreamType", shape: $DeliveryStreamType }, { name: "DirectPutSourceConfiguration", shape: $DirectPutSourceConfiguration }, { name: "KinesisStreamSourceConfiguration", shape: $KinesisStreamSourceConfiguration }, { name: "DeliveryStreamEncryptionConfigurationInput", shape: $DeliveryStreamEncryptionConfigurationInput }, { name: "S3DestinationConfiguration", shape: $S3DestinationConfiguration }, { name: "ExtendedS3DestinationConfiguration", shape: $ExtendedS3DestinationConfiguration }, { name: "RedshiftDestinationConfiguration", shape: $RedshiftDestinationConfiguration }, { name: "ElasticsearchDestinationConfiguration", shape: $ElasticsearchDestinationConfiguration }, { name: "AmazonopensearchserviceDestinationConfiguration", shape: $AmazonopensearchserviceDestinationConfiguration }, { name: "SplunkDestinationConfiguration", shape: $SplunkDestinationConfiguration }, { name: "HttpEndpointDestinationConfiguration", shape: $HttpEndpointDestinationConfiguration }, { name: "Tags", shape: $TagDeliveryStreamInputTagList }, { name: "AmazonOpenSearchServerlessDestinationConfiguration", shape: $AmazonOpenSearchServerlessDestinationConfiguration }, { name: "MSKSourceConfiguration", shape: $MSKSourceConfiguration }, { name: "SnowflakeDestinationConfiguration", shape: $SnowflakeDestinationConfiguration }, { name: "IcebergDestinationConfiguration", shape: $IcebergDestinationConfiguration }, { name: "DatabaseSourceConfiguration", shape: $DatabaseSourceConfiguration }] };
const $DeleteDeliveryStreamInput: StructureShape = { type: "structure", name: "DeleteDeliveryStreamInput", javaClass: "com.amazonaws.firehose.v20150804.DeleteDeliveryStreamInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "AllowForceDelete", shape: $BooleanObject }] };
const $DescribeDeliveryStreamInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $DestinationId: StringShape = { type: "string", min: 1, max: 100, pattern: "[a-zA-Z0-9-]+", regex: new RegExp("^(?:[a-zA-Z0-9-]+)$", "u") };
const $DescribeDeliveryStreamInput: StructureShape = { type: "structure", name: "DescribeDeliveryStreamInput", javaClass: "com.amazonaws.firehose.v20150804.DescribeDeliveryStreamInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "Limit", shape: $DescribeDeliveryStreamInputLimit }, { name: "ExclusiveStartDestinationId", shape: $DestinationId }] };
const $ListDeliveryStreamsInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $ListDeliveryStreamsInput: StructureShape = { type: "structure", name: "ListDeliveryStreamsInput", javaClass: "com.amazonaws.firehose.v20150804.ListDeliveryStreamsInput", members: [{ name: "Limit", shape: $ListDeliveryStreamsInputLimit }, { name: "DeliveryStreamType", shape: $DeliveryStreamType }, { name: "ExclusiveStartDeliveryStreamName", shape: $DeliveryStreamName }] };
const $ListTagsForDeliveryStreamInputLimit: NumberShape = { type: "integer", min: 1, max: 50 };
const $ListTagsForDeliveryStreamInput: StructureShape = { type: "structure", name: "ListTagsForDeliveryStreamInput", javaClass: "com.amazonaws.firehose.v20150804.ListTagsForDeliveryStreamInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "ExclusiveStartTagKey", shape: $TagKey }, { name: "Limit", shape: $ListTagsForDeliveryStreamInputLimit }] };
const $Data: BlobShape = { type: "blob", min: 0, max: 1024000 };
const $Record: StructureShape = { type: "structure", name: "Record", javaClass: "com.amazonaws.firehose.v20150804.Record", members: [{ name: "Data", shape: $Data, required: true }] };
const $PutRecordInput: StructureShape = { type: "structure", name: "PutRecordInput", javaClass: "com.amazonaws.firehose.v20150804.PutRecordInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "Record", shape: $Record, required: true }] };
const $PutRecordBatchRequestEntryList: ListShape = { type: "list", member: $Record, min: 1, max: 500 };
const $PutRecordBatchInput: StructureShape = { type: "structure", name: "PutRecordBatchInput", javaClass: "com.amazonaws.firehose.v20150804.PutRecordBatchInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "Records", shape: $PutRecordBatchRequestEntryList, required: true }] };
const $StartDeliveryStreamEncryptionInput: StructureShape = { type: "structure", name: "StartDeliveryStreamEncryptionInput", javaClass: "com.amazonaws.firehose.v20150804.StartDeliveryStreamEncryptionInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "DeliveryStreamEncryptionConfigurationInput", shape: $DeliveryStreamEncryptionConfigurationInput }] };
const $StopDeliveryStreamEncryptionInput: StructureShape = { type: "structure", name: "StopDeliveryStreamEncryptionInput", javaClass: "com.amazonaws.firehose.v20150804.StopDeliveryStreamEncryptionInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }] };
const $TagDeliveryStreamInput: StructureShape = { type: "structure", name: "TagDeliveryStreamInput", javaClass: "com.amazonaws.firehose.v20150804.TagDeliveryStreamInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "Tags", shape: $TagDeliveryStreamInputTagList, required: true }] };
const $TagKeyList: ListShape = { type: "list", member: $TagKey, min: 1, max: 50 };
const $UntagDeliveryStreamInput: StructureShape = { type: "structure", name: "UntagDeliveryStreamInput", javaClass: "com.amazonaws.firehose.v20150804.UntagDeliveryStreamInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "TagKeys", shape: $TagKeyList, required: true }] };
const $DeliveryStreamVersionId: StringShape = { type: "string", min: 1, max: 50, pattern: "[0-9]+", regex: new RegExp("^(?:[0-9]+)$", "u") };
const $S3DestinationUpdate: StructureShape = { type: "structure", name: "S3DestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.S3DestinationUpdate", members: [{ name: "RoleARN", shape: $RoleARN }, { name: "BucketARN", shape: $BucketARN }, { name: "Prefix", shape: $Prefix }, { name: "ErrorOutputPrefix", shape: $ErrorOutputPrefix }, { name: "BufferingHints", shape: $BufferingHints }, { name: "CompressionFormat", shape: $CompressionFormat }, { name: "EncryptionConfiguration", shape: $EncryptionConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }] };
const $ExtendedS3DestinationUpdate: StructureShape = { type: "structure", name: "ExtendedS3DestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.ExtendedS3DestinationUpdate", members: [{ name: "RoleARN", shape: $RoleARN }, { name: "BucketARN", shape: $BucketARN }, { name: "Prefix", shape: $Prefix }, { name: "ErrorOutputPrefix", shape: $ErrorOutputPrefix }, { name: "BufferingHints", shape: $BufferingHints }, { name: "CompressionFormat", shape: $CompressionFormat }, { name: "EncryptionConfiguration", shape: $EncryptionConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "S3BackupMode", shape: $S3BackupMode }, { name: "S3BackupUpdate", shape: $S3DestinationUpdate }, { name: "DataFormatConversionConfiguration", shape: $DataFormatConversionConfiguration }, { name: "DynamicPartitioningConfiguration", shape: $DynamicPartitioningConfiguration }, { name: "FileExtension", shape: $FileExtension }, { name: "CustomTimeZone", shape: $CustomTimeZone }] };
const $RedshiftDestinationUpdate: StructureShape = { type: "structure", name: "RedshiftDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.RedshiftDestinationUpdate", members: [{ name: "RoleARN", shape: $RoleARN }, { name: "ClusterJDBCURL", shape: $ClusterJDBCURL }, { name: "CopyCommand", shape: $CopyCommand }, { name: "Username", shape: $Username }, { name: "Password", shape: $Password }, { name: "RetryOptions", shape: $RedshiftRetryOptions }, { name: "S3Update", shape: $S3DestinationUpdate }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "S3BackupMode", shape: $RedshiftS3BackupMode }, { name: "S3BackupUpdate", shape: $S3DestinationUpdate }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }] };
const $ElasticsearchDestinationUpdate: StructureShape = { type: "structure", name: "ElasticsearchDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.ElasticsearchDestinationUpdate", members: [{ name: "RoleARN", shape: $RoleARN }, { name: "DomainARN", shape: $ElasticsearchDomainARN }, { name: "ClusterEndpoint", shape: $ElasticsearchClusterEndpoint }, { name: "IndexName", shape: $ElasticsearchIndexName }, { name: "TypeName", shape: $ElasticsearchTypeName }, { name: "IndexRotationPeriod", shape: $ElasticsearchIndexRotationPeriod }, { name: "BufferingHints", shape: $ElasticsearchBufferingHints }, { name: "RetryOptions", shape: $ElasticsearchRetryOptions }, { name: "S3Update", shape: $S3DestinationUpdate }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "DocumentIdOptions", shape: $DocumentIdOptions }] };
const $AmazonopensearchserviceDestinationUpdate: StructureShape = { type: "structure", name: "AmazonopensearchserviceDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.AmazonopensearchserviceDestinationUpdate", members: [{ name: "RoleARN", shape: $RoleARN }, { name: "DomainARN", shape: $AmazonopensearchserviceDomainARN }, { name: "ClusterEndpoint", shape: $AmazonopensearchserviceClusterEndpoint }, { name: "IndexName", shape: $AmazonopensearchserviceIndexName }, { name: "TypeName", shape: $AmazonopensearchserviceTypeName }, { name: "IndexRotationPeriod", shape: $AmazonopensearchserviceIndexRotationPeriod }, { name: "BufferingHints", shape: $AmazonopensearchserviceBufferingHints }, { name: "RetryOptions", shape: $AmazonopensearchserviceRetryOptions }, { name: "S3Update", shape: $S3DestinationUpdate }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "DocumentIdOptions", shape: $DocumentIdOptions }] };
const $SplunkDestinationUpdate: StructureShape = { type: "structure", name: "SplunkDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.SplunkDestinationUpdate", members: [{ name: "HECEndpoint", shape: $HECEndpoint }, { name: "HECEndpointType", shape: $HECEndpointType }, { name: "HECToken", shape: $HECToken }, { name: "HECAcknowledgmentTimeoutInSeconds", shape: $HECAcknowledgmentTimeoutInSeconds }, { name: "RetryOptions", shape: $SplunkRetryOptions }, { name: "S3BackupMode", shape: $SplunkS3BackupMode }, { name: "S3Update", shape: $S3DestinationUpdate }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "BufferingHints", shape: $SplunkBufferingHints }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }] };
const $HttpEndpointDestinationUpdate: StructureShape = { type: "structure", name: "HttpEndpointDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.HttpEndpointDestinationUpdate", members: [{ name: "EndpointConfiguration", shape: $HttpEndpointConfiguration }, { name: "BufferingHints", shape: $HttpEndpointBufferingHints }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "RequestConfiguration", shape: $HttpEndpointRequestConfiguration }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "RoleARN", shape: $RoleARN }, { name: "RetryOptions", shape: $HttpEndpointRetryOptions }, { name: "S3BackupMode", shape: $HttpEndpointS3BackupMode }, { name: "S3Update", shape: $S3DestinationUpdate }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }] };
const $AmazonOpenSearchServerlessDestinationUpdate: StructureShape = { type: "structure", name: "AmazonOpenSearchServerlessDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.AmazonOpenSearchServerlessDestinationUpdate", members: [{ name: "RoleARN", shape: $RoleARN }, { name: "CollectionEndpoint", shape: $AmazonOpenSearchServerlessCollectionEndpoint }, { name: "IndexName", shape: $AmazonOpenSearchServerlessIndexName }, { name: "BufferingHints", shape: $AmazonOpenSearchServerlessBufferingHints }, { name: "RetryOptions", shape: $AmazonOpenSearchServerlessRetryOptions }, { name: "S3Update", shape: $S3DestinationUpdate }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }] };
const $SnowflakeDestinationUpdate: StructureShape = { type: "structure", name: "SnowflakeDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.SnowflakeDestinationUpdate", members: [{ name: "AccountUrl", shape: $SnowflakeAccountUrl }, { name: "PrivateKey", shape: $SnowflakePrivateKey }, { name: "KeyPassphrase", shape: $SnowflakeKeyPassphrase }, { name: "User", shape: $SnowflakeUser }, { name: "Database", shape: $SnowflakeDatabase }, { name: "Schema", shape: $SnowflakeSchema }, { name: "Table", shape: $SnowflakeTable }, { name: "SnowflakeRoleConfiguration", shape: $SnowflakeRoleConfiguration }, { name: "DataLoadingOption", shape: $SnowflakeDataLoadingOption }, { name: "MetaDataColumnName", shape: $SnowflakeMetaDataColumnName }, { name: "ContentColumnName", shape: $SnowflakeContentColumnName }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "RoleARN", shape: $RoleARN }, { name: "RetryOptions", shape: $SnowflakeRetryOptions }, { name: "S3BackupMode", shape: $SnowflakeS3BackupMode }, { name: "S3Update", shape: $S3DestinationUpdate }, { name: "SecretsManagerConfiguration", shape: $SecretsManagerConfiguration }, { name: "BufferingHints", shape: $SnowflakeBufferingHints }] };
const $IcebergDestinationUpdate: StructureShape = { type: "structure", name: "IcebergDestinationUpdate", javaClass: "com.amazonaws.firehose.v20150804.IcebergDestinationUpdate", members: [{ name: "DestinationTableConfigurationList", shape: $DestinationTableConfigurationList }, { name: "SchemaEvolutionConfiguration", shape: $SchemaEvolutionConfiguration }, { name: "TableCreationConfiguration", shape: $TableCreationConfiguration }, { name: "BufferingHints", shape: $BufferingHints }, { name: "CloudWatchLoggingOptions", shape: $CloudWatchLoggingOptions }, { name: "ProcessingConfiguration", shape: $ProcessingConfiguration }, { name: "S3BackupMode", shape: $IcebergS3BackupMode }, { name: "RetryOptions", shape: $RetryOptions }, { name: "RoleARN", shape: $RoleARN }, { name: "AppendOnly", shape: $BooleanObject }, { name: "CatalogConfiguration", shape: $CatalogConfiguration }, { name: "S3Configuration", shape: $S3DestinationConfiguration }] };
const $UpdateDestinationInput: StructureShape = { type: "structure", name: "UpdateDestinationInput", javaClass: "com.amazonaws.firehose.v20150804.UpdateDestinationInput", members: [{ name: "DeliveryStreamName", shape: $DeliveryStreamName, required: true }, { name: "CurrentDeliveryStreamVersionId", shape: $DeliveryStreamVersionId, required: true }, { name: "DestinationId", shape: $DestinationId, required: true }, { name: "S3DestinationUpdate", shape: $S3DestinationUpdate }, { name: "ExtendedS3DestinationUpdate", shape: $ExtendedS3DestinationUpdate }, { name: "RedshiftDestinationUpdate", shape: $RedshiftDestinationUpdate }, { name: "ElasticsearchDestinationUpdate", shape: $ElasticsearchDestinationUpdate }, { name: "AmazonopensearchserviceDestinationUpdate", shape: $AmazonopensearchserviceDestinationUpdate }, { name: "SplunkDestinationUpdate", shape: $SplunkDestinationUpdate }, { name: "HttpEndpointDestinationUpdate", shape: $HttpEndpointDestinationUpdate }, { name: "AmazonOpenSearchServerlessDestinationUpdate", shape: $AmazonOpenSearchServerlessDestinationUpdate }, { name: "SnowflakeDestinationUpdate", shape: $SnowflakeDestinationUpdate }, { name: "IcebergDestinationUpdate", shape: $IcebergDestinationUpdate }] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  CreateDeliveryStream: $CreateDeliveryStreamInput,
  DeleteDeliveryStream: $DeleteDeliveryStreamInput,
  DescribeDeliveryStream: $DescribeDeliveryStreamInput,
  ListDeliveryStreams: $ListDeliveryStreamsInput,
  ListTagsForDeliveryStream: $ListTagsForDeliveryStreamInput,
  PutRecord: $PutRecordInput,
  PutRecordBatch: $PutRecordBatchInput,
  StartDeliveryStreamEncryption: $StartDeliveryStreamEncryptionInput,
  StopDeliveryStreamEncryption: $StopDeliveryStreamEncryptionInput,
  TagDeliveryStream: $TagDeliveryStreamInput,
  UntagDeliveryStream: $UntagDeliveryStreamInput,
  UpdateDestination: $UpdateDestinationInput,
};

export const FIREHOSE_SHAPES = {
  serviceId: "Firehose",
  apiVersion: "2015-08-04",
  protocol: "json",
  signingName: "firehose",
  targetPrefix: "Firehose_20150804",
  jsonVersion: "1.1",
  javaPackage: "com.amazonaws.firehose.v20150804",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["CreateDeliveryStream", "DeleteDeliveryStream", "DescribeDeliveryStream", "ListDeliveryStreams", "ListTagsForDeliveryStream", "PutRecord", "PutRecordBatch", "StartDeliveryStreamEncryption", "StopDeliveryStreamEncryption", "TagDeliveryStream", "UntagDeliveryStream", "UpdateDestination"],
  /** The input structure of each operation. */
  operations: inputs,
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "CreateDeliveryStream" | "DeleteDeliveryStream" | "DescribeDeliveryStream" | "ListDeliveryStreams" | "ListTagsForDeliveryStream" | "PutRecord" | "PutRecordBatch" | "StartDeliveryStreamEncryption" | "StopDeliveryStreamEncryption" | "TagDeliveryStream" | "UntagDeliveryStream" | "UpdateDestination";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  CreateDeliveryStream: { input: CreateDeliveryStreamInput; output: CreateDeliveryStreamOutput };
  DeleteDeliveryStream: { input: DeleteDeliveryStreamInput; output: DeleteDeliveryStreamOutput };
  DescribeDeliveryStream: { input: DescribeDeliveryStreamInput; output: DescribeDeliveryStreamOutput };
  ListDeliveryStreams: { input: ListDeliveryStreamsInput; output: ListDeliveryStreamsOutput };
  ListTagsForDeliveryStream: { input: ListTagsForDeliveryStreamInput; output: ListTagsForDeliveryStreamOutput };
  PutRecord: { input: PutRecordInput; output: PutRecordOutput };
  PutRecordBatch: { input: PutRecordBatchInput; output: PutRecordBatchOutput };
  StartDeliveryStreamEncryption: { input: StartDeliveryStreamEncryptionInput; output: StartDeliveryStreamEncryptionOutput };
  StopDeliveryStreamEncryption: { input: StopDeliveryStreamEncryptionInput; output: StopDeliveryStreamEncryptionOutput };
  TagDeliveryStream: { input: TagDeliveryStreamInput; output: TagDeliveryStreamOutput };
  UntagDeliveryStream: { input: UntagDeliveryStreamInput; output: UntagDeliveryStreamOutput };
  UpdateDestination: { input: UpdateDestinationInput; output: UpdateDestinationOutput };
};

export type AmazonOpenSearchServerlessBufferingHints = {
  IntervalInSeconds?: number;
  SizeInMBs?: number;
};

export type AmazonOpenSearchServerlessDestinationConfiguration = {
  RoleARN: string;
  CollectionEndpoint?: string;
  IndexName: string;
  BufferingHints?: AmazonOpenSearchServerlessBufferingHints;
  RetryOptions?: AmazonOpenSearchServerlessRetryOptions;
  S3BackupMode?: AmazonOpenSearchServerlessS3BackupMode;
  S3Configuration: S3DestinationConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  VpcConfiguration?: VpcConfiguration;
};

export type AmazonOpenSearchServerlessDestinationDescription = {
  RoleARN?: string;
  CollectionEndpoint?: string;
  IndexName?: string;
  BufferingHints?: AmazonOpenSearchServerlessBufferingHints;
  RetryOptions?: AmazonOpenSearchServerlessRetryOptions;
  S3BackupMode?: AmazonOpenSearchServerlessS3BackupMode;
  S3DestinationDescription?: S3DestinationDescription;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  VpcConfigurationDescription?: VpcConfigurationDescription;
};

export type AmazonOpenSearchServerlessDestinationUpdate = {
  RoleARN?: string;
  CollectionEndpoint?: string;
  IndexName?: string;
  BufferingHints?: AmazonOpenSearchServerlessBufferingHints;
  RetryOptions?: AmazonOpenSearchServerlessRetryOptions;
  S3Update?: S3DestinationUpdate;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
};

export type AmazonOpenSearchServerlessRetryOptions = {
  DurationInSeconds?: number;
};

export type AmazonOpenSearchServerlessS3BackupMode = "FailedDocumentsOnly" | "AllDocuments";

export type AmazonopensearchserviceBufferingHints = {
  IntervalInSeconds?: number;
  SizeInMBs?: number;
};

export type AmazonopensearchserviceDestinationConfiguration = {
  RoleARN: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  IndexName: string;
  TypeName?: string;
  IndexRotationPeriod?: AmazonopensearchserviceIndexRotationPeriod;
  BufferingHints?: AmazonopensearchserviceBufferingHints;
  RetryOptions?: AmazonopensearchserviceRetryOptions;
  S3BackupMode?: AmazonopensearchserviceS3BackupMode;
  S3Configuration: S3DestinationConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  VpcConfiguration?: VpcConfiguration;
  DocumentIdOptions?: DocumentIdOptions;
};

export type AmazonopensearchserviceDestinationDescription = {
  RoleARN?: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  IndexName?: string;
  TypeName?: string;
  IndexRotationPeriod?: AmazonopensearchserviceIndexRotationPeriod;
  BufferingHints?: AmazonopensearchserviceBufferingHints;
  RetryOptions?: AmazonopensearchserviceRetryOptions;
  S3BackupMode?: AmazonopensearchserviceS3BackupMode;
  S3DestinationDescription?: S3DestinationDescription;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  VpcConfigurationDescription?: VpcConfigurationDescription;
  DocumentIdOptions?: DocumentIdOptions;
};

export type AmazonopensearchserviceDestinationUpdate = {
  RoleARN?: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  IndexName?: string;
  TypeName?: string;
  IndexRotationPeriod?: AmazonopensearchserviceIndexRotationPeriod;
  BufferingHints?: AmazonopensearchserviceBufferingHints;
  RetryOptions?: AmazonopensearchserviceRetryOptions;
  S3Update?: S3DestinationUpdate;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  DocumentIdOptions?: DocumentIdOptions;
};

export type AmazonopensearchserviceIndexRotationPeriod = "NoRotation" | "OneHour" | "OneDay" | "OneWeek" | "OneMonth";

export type AmazonopensearchserviceRetryOptions = {
  DurationInSeconds?: number;
};

export type AmazonopensearchserviceS3BackupMode = "FailedDocumentsOnly" | "AllDocuments";

export type AuthenticationConfiguration = {
  RoleARN: string;
  Connectivity: Connectivity;
};

export type BufferingHints = {
  SizeInMBs?: number;
  IntervalInSeconds?: number;
};

export type CatalogConfiguration = {
  CatalogARN?: string;
  WarehouseLocation?: string;
};

export type CloudWatchLoggingOptions = {
  Enabled?: boolean;
  LogGroupName?: string;
  LogStreamName?: string;
};

export type CompressionFormat = "UNCOMPRESSED" | "GZIP" | "ZIP" | "Snappy" | "HADOOP_SNAPPY";

export type Connectivity = "PUBLIC" | "PRIVATE";

export type ContentEncoding = "NONE" | "GZIP";

export type CopyCommand = {
  DataTableName: string;
  DataTableColumns?: string;
  CopyOptions?: string;
};

export type CreateDeliveryStreamInput = {
  DeliveryStreamName: string;
  DeliveryStreamType?: DeliveryStreamType;
  DirectPutSourceConfiguration?: DirectPutSourceConfiguration;
  KinesisStreamSourceConfiguration?: KinesisStreamSourceConfiguration;
  DeliveryStreamEncryptionConfigurationInput?: DeliveryStreamEncryptionConfigurationInput;
  S3DestinationConfiguration?: S3DestinationConfiguration;
  ExtendedS3DestinationConfiguration?: ExtendedS3DestinationConfiguration;
  RedshiftDestinationConfiguration?: RedshiftDestinationConfiguration;
  ElasticsearchDestinationConfiguration?: ElasticsearchDestinationConfiguration;
  AmazonopensearchserviceDestinationConfiguration?: AmazonopensearchserviceDestinationConfiguration;
  SplunkDestinationConfiguration?: SplunkDestinationConfiguration;
  HttpEndpointDestinationConfiguration?: HttpEndpointDestinationConfiguration;
  Tags?: Tag[];
  AmazonOpenSearchServerlessDestinationConfiguration?: AmazonOpenSearchServerlessDestinationConfiguration;
  MSKSourceConfiguration?: MSKSourceConfiguration;
  SnowflakeDestinationConfiguration?: SnowflakeDestinationConfiguration;
  IcebergDestinationConfiguration?: IcebergDestinationConfiguration;
  DatabaseSourceConfiguration?: DatabaseSourceConfiguration;
};

export type CreateDeliveryStreamOutput = {
  DeliveryStreamARN?: string;
};

export type DataFormatConversionConfiguration = {
  SchemaConfiguration?: SchemaConfiguration;
  InputFormatConfiguration?: InputFormatConfiguration;
  OutputFormatConfiguration?: OutputFormatConfiguration;
  Enabled?: boolean;
};

export type DatabaseColumnList = {
  Include?: string[];
  Exclude?: string[];
};

export type DatabaseList = {
  Include?: string[];
  Exclude?: string[];
};

export type DatabaseSnapshotInfo = {
  Id: string;
  Table: string;
  RequestTimestamp: Date;
  RequestedBy: SnapshotRequestedBy;
  Status: SnapshotStatus;
  FailureDescription?: FailureDescription;
};

export type DatabaseSourceAuthenticationConfiguration = {
  SecretsManagerConfiguration: SecretsManagerConfiguration;
};

export type DatabaseSourceConfiguration = {
  Type: DatabaseType;
  Endpoint: string;
  Port: number;
  SSLMode?: SSLMode;
  Databases: DatabaseList;
  Tables: DatabaseTableList;
  Columns?: DatabaseColumnList;
  SurrogateKeys?: string[];
  SnapshotWatermarkTable: string;
  DatabaseSourceAuthenticationConfiguration: DatabaseSourceAuthenticationConfiguration;
  DatabaseSourceVPCConfiguration: DatabaseSourceVPCConfiguration;
};

export type DatabaseSourceDescription = {
  Type?: DatabaseType;
  Endpoint?: string;
  Port?: number;
  SSLMode?: SSLMode;
  Databases?: DatabaseList;
  Tables?: DatabaseTableList;
  Columns?: DatabaseColumnList;
  SurrogateKeys?: string[];
  SnapshotWatermarkTable?: string;
  SnapshotInfo?: DatabaseSnapshotInfo[];
  DatabaseSourceAuthenticationConfiguration?: DatabaseSourceAuthenticationConfiguration;
  DatabaseSourceVPCConfiguration?: DatabaseSourceVPCConfiguration;
};

export type DatabaseSourceVPCConfiguration = {
  VpcEndpointServiceName: string;
};

export type DatabaseTableList = {
  Include?: string[];
  Exclude?: string[];
};

export type DatabaseType = "MySQL" | "PostgreSQL";

export type DefaultDocumentIdFormat = "FIREHOSE_DEFAULT" | "NO_DOCUMENT_ID";

export type DeleteDeliveryStreamInput = {
  DeliveryStreamName: string;
  AllowForceDelete?: boolean;
};

export type DeleteDeliveryStreamOutput = { [key: string]: never };

export type DeliveryStreamDescription = {
  DeliveryStreamName: string;
  DeliveryStreamARN: string;
  DeliveryStreamStatus: DeliveryStreamStatus;
  FailureDescription?: FailureDescription;
  DeliveryStreamEncryptionConfiguration?: DeliveryStreamEncryptionConfiguration;
  DeliveryStreamType: DeliveryStreamType;
  VersionId: string;
  CreateTimestamp?: Date;
  LastUpdateTimestamp?: Date;
  Source?: SourceDescription;
  Destinations: DestinationDescription[];
  HasMoreDestinations: boolean;
};

export type DeliveryStreamEncryptionConfiguration = {
  KeyARN?: string;
  KeyType?: KeyType;
  Status?: DeliveryStreamEncryptionStatus;
  FailureDescription?: FailureDescription;
};

export type DeliveryStreamEncryptionConfigurationInput = {
  KeyARN?: string;
  KeyType: KeyType;
};

export type DeliveryStreamEncryptionStatus = "ENABLED" | "ENABLING" | "ENABLING_FAILED" | "DISABLED" | "DISABLING" | "DISABLING_FAILED";

export type DeliveryStreamFailureType = "VPC_ENDPOINT_SERVICE_NAME_NOT_FOUND" | "VPC_INTERFACE_ENDPOINT_SERVICE_ACCESS_DENIED" | "RETIRE_KMS_GRANT_FAILED" | "CREATE_KMS_GRANT_FAILED" | "KMS_ACCESS_DENIED" | "DISABLED_KMS_KEY" | "INVALID_KMS_KEY" | "KMS_KEY_NOT_FOUND" | "KMS_OPT_IN_REQUIRED" | "CREATE_ENI_FAILED" | "DELETE_ENI_FAILED" | "SUBNET_NOT_FOUND" | "SECURITY_GROUP_NOT_FOUND" | "ENI_ACCESS_DENIED" | "SUBNET_ACCESS_DENIED" | "SECURITY_GROUP_ACCESS_DENIED" | "UNKNOWN_ERROR";

export type DeliveryStreamStatus = "CREATING" | "CREATING_FAILED" | "DELETING" | "DELETING_FAILED" | "ACTIVE";

export type DeliveryStreamType = "DirectPut" | "KinesisStreamAsSource" | "MSKAsSource" | "DatabaseAsSource";

export type DescribeDeliveryStreamInput = {
  DeliveryStreamName: string;
  Limit?: number;
  ExclusiveStartDestinationId?: string;
};

export type DescribeDeliveryStreamOutput = {
  DeliveryStreamDescription: DeliveryStreamDescription;
};

export type Deserializer = {
  OpenXJsonSerDe?: OpenXJsonSerDe;
  HiveJsonSerDe?: HiveJsonSerDe;
};

export type DestinationDescription = {
  DestinationId: string;
  S3DestinationDescription?: S3DestinationDescription;
  ExtendedS3DestinationDescription?: ExtendedS3DestinationDescription;
  RedshiftDestinationDescription?: RedshiftDestinationDescription;
  ElasticsearchDestinationDescription?: ElasticsearchDestinationDescription;
  AmazonopensearchserviceDestinationDescription?: AmazonopensearchserviceDestinationDescription;
  SplunkDestinationDescription?: SplunkDestinationDescription;
  HttpEndpointDestinationDescription?: HttpEndpointDestinationDescription;
  SnowflakeDestinationDescription?: SnowflakeDestinationDescription;
  AmazonOpenSearchServerlessDestinationDescription?: AmazonOpenSearchServerlessDestinationDescription;
  IcebergDestinationDescription?: IcebergDestinationDescription;
};

export type DestinationTableConfiguration = {
  DestinationTableName: string;
  DestinationDatabaseName: string;
  UniqueKeys?: string[];
  PartitionSpec?: PartitionSpec;
  S3ErrorOutputPrefix?: string;
};

export type DirectPutSourceConfiguration = {
  ThroughputHintInMBs: number;
};

export type DirectPutSourceDescription = {
  ThroughputHintInMBs?: number;
};

export type DocumentIdOptions = {
  DefaultDocumentIdFormat: DefaultDocumentIdFormat;
};

export type DynamicPartitioningConfiguration = {
  RetryOptions?: RetryOptions;
  Enabled?: boolean;
};

export type ElasticsearchBufferingHints = {
  IntervalInSeconds?: number;
  SizeInMBs?: number;
};

export type ElasticsearchDestinationConfiguration = {
  RoleARN: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  IndexName: string;
  TypeName?: string;
  IndexRotationPeriod?: ElasticsearchIndexRotationPeriod;
  BufferingHints?: ElasticsearchBufferingHints;
  RetryOptions?: ElasticsearchRetryOptions;
  S3BackupMode?: ElasticsearchS3BackupMode;
  S3Configuration: S3DestinationConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  VpcConfiguration?: VpcConfiguration;
  DocumentIdOptions?: DocumentIdOptions;
};

export type ElasticsearchDestinationDescription = {
  RoleARN?: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  IndexName?: string;
  TypeName?: string;
  IndexRotationPeriod?: ElasticsearchIndexRotationPeriod;
  BufferingHints?: ElasticsearchBufferingHints;
  RetryOptions?: ElasticsearchRetryOptions;
  S3BackupMode?: ElasticsearchS3BackupMode;
  S3DestinationDescription?: S3DestinationDescription;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  VpcConfigurationDescription?: VpcConfigurationDescription;
  DocumentIdOptions?: DocumentIdOptions;
};

export type ElasticsearchDestinationUpdate = {
  RoleARN?: string;
  DomainARN?: string;
  ClusterEndpoint?: string;
  IndexName?: string;
  TypeName?: string;
  IndexRotationPeriod?: ElasticsearchIndexRotationPeriod;
  BufferingHints?: ElasticsearchBufferingHints;
  RetryOptions?: ElasticsearchRetryOptions;
  S3Update?: S3DestinationUpdate;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  DocumentIdOptions?: DocumentIdOptions;
};

export type ElasticsearchIndexRotationPeriod = "NoRotation" | "OneHour" | "OneDay" | "OneWeek" | "OneMonth";

export type ElasticsearchRetryOptions = {
  DurationInSeconds?: number;
};

export type ElasticsearchS3BackupMode = "FailedDocumentsOnly" | "AllDocuments";

export type EncryptionConfiguration = {
  NoEncryptionConfig?: NoEncryptionConfig;
  KMSEncryptionConfig?: KMSEncryptionConfig;
};

export type ExtendedS3DestinationConfiguration = {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints?: BufferingHints;
  CompressionFormat?: CompressionFormat;
  EncryptionConfiguration?: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: S3BackupMode;
  S3BackupConfiguration?: S3DestinationConfiguration;
  DataFormatConversionConfiguration?: DataFormatConversionConfiguration;
  DynamicPartitioningConfiguration?: DynamicPartitioningConfiguration;
  FileExtension?: string;
  CustomTimeZone?: string;
};

export type ExtendedS3DestinationDescription = {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints: BufferingHints;
  CompressionFormat: CompressionFormat;
  EncryptionConfiguration: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: S3BackupMode;
  S3BackupDescription?: S3DestinationDescription;
  DataFormatConversionConfiguration?: DataFormatConversionConfiguration;
  DynamicPartitioningConfiguration?: DynamicPartitioningConfiguration;
  FileExtension?: string;
  CustomTimeZone?: string;
};

export type ExtendedS3DestinationUpdate = {
  RoleARN?: string;
  BucketARN?: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints?: BufferingHints;
  CompressionFormat?: CompressionFormat;
  EncryptionConfiguration?: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: S3BackupMode;
  S3BackupUpdate?: S3DestinationUpdate;
  DataFormatConversionConfiguration?: DataFormatConversionConfiguration;
  DynamicPartitioningConfiguration?: DynamicPartitioningConfiguration;
  FileExtension?: string;
  CustomTimeZone?: string;
};

export type FailureDescription = {
  Type: DeliveryStreamFailureType;
  Details: string;
};

export type HECEndpointType = "Raw" | "Event";

export type HiveJsonSerDe = {
  TimestampFormats?: string[];
};

export type HttpEndpointBufferingHints = {
  SizeInMBs?: number;
  IntervalInSeconds?: number;
};

export type HttpEndpointCommonAttribute = {
  AttributeName: string;
  AttributeValue: string;
};

export type HttpEndpointConfiguration = {
  Url: string;
  Name?: string;
  AccessKey?: string;
};

export type HttpEndpointDescription = {
  Url?: string;
  Name?: string;
};

export type HttpEndpointDestinationConfiguration = {
  EndpointConfiguration: HttpEndpointConfiguration;
  BufferingHints?: HttpEndpointBufferingHints;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  RequestConfiguration?: HttpEndpointRequestConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions?: HttpEndpointRetryOptions;
  S3BackupMode?: HttpEndpointS3BackupMode;
  S3Configuration: S3DestinationConfiguration;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type HttpEndpointDestinationDescription = {
  EndpointConfiguration?: HttpEndpointDescription;
  BufferingHints?: HttpEndpointBufferingHints;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  RequestConfiguration?: HttpEndpointRequestConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions?: HttpEndpointRetryOptions;
  S3BackupMode?: HttpEndpointS3BackupMode;
  S3DestinationDescription?: S3DestinationDescription;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type HttpEndpointDestinationUpdate = {
  EndpointConfiguration?: HttpEndpointConfiguration;
  BufferingHints?: HttpEndpointBufferingHints;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  RequestConfiguration?: HttpEndpointRequestConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions?: HttpEndpointRetryOptions;
  S3BackupMode?: HttpEndpointS3BackupMode;
  S3Update?: S3DestinationUpdate;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type HttpEndpointRequestConfiguration = {
  ContentEncoding?: ContentEncoding;
  CommonAttributes?: HttpEndpointCommonAttribute[];
};

export type HttpEndpointRetryOptions = {
  DurationInSeconds?: number;
};

export type HttpEndpointS3BackupMode = "FailedDataOnly" | "AllData";

export type IcebergDestinationConfiguration = {
  DestinationTableConfigurationList?: DestinationTableConfiguration[];
  SchemaEvolutionConfiguration?: SchemaEvolutionConfiguration;
  TableCreationConfiguration?: TableCreationConfiguration;
  BufferingHints?: BufferingHints;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: IcebergS3BackupMode;
  RetryOptions?: RetryOptions;
  RoleARN: string;
  AppendOnly?: boolean;
  CatalogConfiguration: CatalogConfiguration;
  S3Configuration: S3DestinationConfiguration;
};

export type IcebergDestinationDescription = {
  DestinationTableConfigurationList?: DestinationTableConfiguration[];
  SchemaEvolutionConfiguration?: SchemaEvolutionConfiguration;
  TableCreationConfiguration?: TableCreationConfiguration;
  BufferingHints?: BufferingHints;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: IcebergS3BackupMode;
  RetryOptions?: RetryOptions;
  RoleARN?: string;
  AppendOnly?: boolean;
  CatalogConfiguration?: CatalogConfiguration;
  S3DestinationDescription?: S3DestinationDescription;
};

export type IcebergDestinationUpdate = {
  DestinationTableConfigurationList?: DestinationTableConfiguration[];
  SchemaEvolutionConfiguration?: SchemaEvolutionConfiguration;
  TableCreationConfiguration?: TableCreationConfiguration;
  BufferingHints?: BufferingHints;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: IcebergS3BackupMode;
  RetryOptions?: RetryOptions;
  RoleARN?: string;
  AppendOnly?: boolean;
  CatalogConfiguration?: CatalogConfiguration;
  S3Configuration?: S3DestinationConfiguration;
};

export type IcebergS3BackupMode = "FailedDataOnly" | "AllData";

export type InputFormatConfiguration = {
  Deserializer?: Deserializer;
};

export type KMSEncryptionConfig = {
  AWSKMSKeyARN: string;
};

export type KeyType = "AWS_OWNED_CMK" | "CUSTOMER_MANAGED_CMK";

export type KinesisStreamSourceConfiguration = {
  KinesisStreamARN: string;
  RoleARN: string;
};

export type KinesisStreamSourceDescription = {
  KinesisStreamARN?: string;
  RoleARN?: string;
  DeliveryStartTimestamp?: Date;
};

export type ListDeliveryStreamsInput = {
  Limit?: number;
  DeliveryStreamType?: DeliveryStreamType;
  ExclusiveStartDeliveryStreamName?: string;
};

export type ListDeliveryStreamsOutput = {
  DeliveryStreamNames: string[];
  HasMoreDeliveryStreams: boolean;
};

export type ListTagsForDeliveryStreamInput = {
  DeliveryStreamName: string;
  ExclusiveStartTagKey?: string;
  Limit?: number;
};

export type ListTagsForDeliveryStreamOutput = {
  Tags: Tag[];
  HasMoreTags: boolean;
};

export type MSKSourceConfiguration = {
  MSKClusterARN: string;
  TopicName: string;
  AuthenticationConfiguration: AuthenticationConfiguration;
  ReadFromTimestamp?: Date;
};

export type MSKSourceDescription = {
  MSKClusterARN?: string;
  TopicName?: string;
  AuthenticationConfiguration?: AuthenticationConfiguration;
  DeliveryStartTimestamp?: Date;
  ReadFromTimestamp?: Date;
};

export type NoEncryptionConfig = "NoEncryption";

export type OpenXJsonSerDe = {
  ConvertDotsInJsonKeysToUnderscores?: boolean;
  CaseInsensitive?: boolean;
  ColumnToJsonKeyMappings?: { [key: string]: string };
};

export type OrcCompression = "NONE" | "ZLIB" | "SNAPPY";

export type OrcFormatVersion = "V0_11" | "V0_12";

export type OrcSerDe = {
  StripeSizeBytes?: number;
  BlockSizeBytes?: number;
  RowIndexStride?: number;
  EnablePadding?: boolean;
  PaddingTolerance?: number;
  Compression?: OrcCompression;
  BloomFilterColumns?: string[];
  BloomFilterFalsePositiveProbability?: number;
  DictionaryKeyThreshold?: number;
  FormatVersion?: OrcFormatVersion;
};

export type OutputFormatConfiguration = {
  Serializer?: Serializer;
};

export type ParquetCompression = "UNCOMPRESSED" | "GZIP" | "SNAPPY";

export type ParquetSerDe = {
  BlockSizeBytes?: number;
  PageSizeBytes?: number;
  Compression?: ParquetCompression;
  EnableDictionaryCompression?: boolean;
  MaxPaddingBytes?: number;
  WriterVersion?: ParquetWriterVersion;
};

export type ParquetWriterVersion = "V1" | "V2";

export type PartitionField = {
  SourceName: string;
};

export type PartitionSpec = {
  Identity?: PartitionField[];
};

export type ProcessingConfiguration = {
  Enabled?: boolean;
  Processors?: Processor[];
};

export type Processor = {
  Type: ProcessorType;
  Parameters?: ProcessorParameter[];
};

export type ProcessorParameter = {
  ParameterName: ProcessorParameterName;
  ParameterValue: string;
};

export type ProcessorParameterName = "LambdaArn" | "NumberOfRetries" | "MetadataExtractionQuery" | "JsonParsingEngine" | "RoleArn" | "BufferSizeInMBs" | "BufferIntervalInSeconds" | "SubRecordType" | "Delimiter" | "CompressionFormat" | "DataMessageExtraction";

export type ProcessorType = "RecordDeAggregation" | "Decompression" | "CloudWatchLogProcessing" | "Lambda" | "MetadataExtraction" | "AppendDelimiterToRecord";

export type PutRecordBatchInput = {
  DeliveryStreamName: string;
  Records: Record[];
};

export type PutRecordBatchOutput = {
  FailedPutCount: number;
  Encrypted?: boolean;
  RequestResponses: PutRecordBatchResponseEntry[];
};

export type PutRecordBatchResponseEntry = {
  RecordId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
};

export type PutRecordInput = {
  DeliveryStreamName: string;
  Record: Record;
};

export type PutRecordOutput = {
  RecordId: string;
  Encrypted?: boolean;
};

export type Record = {
  Data: Uint8Array;
};

export type RedshiftDestinationConfiguration = {
  RoleARN: string;
  ClusterJDBCURL: string;
  CopyCommand: CopyCommand;
  Username?: string;
  Password?: string;
  RetryOptions?: RedshiftRetryOptions;
  S3Configuration: S3DestinationConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: RedshiftS3BackupMode;
  S3BackupConfiguration?: S3DestinationConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type RedshiftDestinationDescription = {
  RoleARN: string;
  ClusterJDBCURL: string;
  CopyCommand: CopyCommand;
  Username?: string;
  RetryOptions?: RedshiftRetryOptions;
  S3DestinationDescription: S3DestinationDescription;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: RedshiftS3BackupMode;
  S3BackupDescription?: S3DestinationDescription;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type RedshiftDestinationUpdate = {
  RoleARN?: string;
  ClusterJDBCURL?: string;
  CopyCommand?: CopyCommand;
  Username?: string;
  Password?: string;
  RetryOptions?: RedshiftRetryOptions;
  S3Update?: S3DestinationUpdate;
  ProcessingConfiguration?: ProcessingConfiguration;
  S3BackupMode?: RedshiftS3BackupMode;
  S3BackupUpdate?: S3DestinationUpdate;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type RedshiftRetryOptions = {
  DurationInSeconds?: number;
};

export type RedshiftS3BackupMode = "Disabled" | "Enabled";

export type RetryOptions = {
  DurationInSeconds?: number;
};

export type S3BackupMode = "Disabled" | "Enabled";

export type S3DestinationConfiguration = {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints?: BufferingHints;
  CompressionFormat?: CompressionFormat;
  EncryptionConfiguration?: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
};

export type S3DestinationDescription = {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints: BufferingHints;
  CompressionFormat: CompressionFormat;
  EncryptionConfiguration: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
};

export type S3DestinationUpdate = {
  RoleARN?: string;
  BucketARN?: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints?: BufferingHints;
  CompressionFormat?: CompressionFormat;
  EncryptionConfiguration?: EncryptionConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
};

export type SSLMode = "Disabled" | "Enabled";

export type SchemaConfiguration = {
  RoleARN?: string;
  CatalogId?: string;
  DatabaseName?: string;
  TableName?: string;
  Region?: string;
  VersionId?: string;
};

export type SchemaEvolutionConfiguration = {
  Enabled: boolean;
};

export type SecretsManagerConfiguration = {
  SecretARN?: string;
  RoleARN?: string;
  Enabled: boolean;
};

export type Serializer = {
  ParquetSerDe?: ParquetSerDe;
  OrcSerDe?: OrcSerDe;
};

export type SnapshotRequestedBy = "USER" | "FIREHOSE";

export type SnapshotStatus = "IN_PROGRESS" | "COMPLETE" | "SUSPENDED";

export type SnowflakeBufferingHints = {
  SizeInMBs?: number;
  IntervalInSeconds?: number;
};

export type SnowflakeDataLoadingOption = "JSON_MAPPING" | "VARIANT_CONTENT_MAPPING" | "VARIANT_CONTENT_AND_METADATA_MAPPING";

export type SnowflakeDestinationConfiguration = {
  AccountUrl: string;
  PrivateKey?: string;
  KeyPassphrase?: string;
  User?: string;
  Database: string;
  Schema: string;
  Table: string;
  SnowflakeRoleConfiguration?: SnowflakeRoleConfiguration;
  DataLoadingOption?: SnowflakeDataLoadingOption;
  MetaDataColumnName?: string;
  ContentColumnName?: string;
  SnowflakeVpcConfiguration?: SnowflakeVpcConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN: string;
  RetryOptions?: SnowflakeRetryOptions;
  S3BackupMode?: SnowflakeS3BackupMode;
  S3Configuration: S3DestinationConfiguration;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
  BufferingHints?: SnowflakeBufferingHints;
};

export type SnowflakeDestinationDescription = {
  AccountUrl?: string;
  User?: string;
  Database?: string;
  Schema?: string;
  Table?: string;
  SnowflakeRoleConfiguration?: SnowflakeRoleConfiguration;
  DataLoadingOption?: SnowflakeDataLoadingOption;
  MetaDataColumnName?: string;
  ContentColumnName?: string;
  SnowflakeVpcConfiguration?: SnowflakeVpcConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions?: SnowflakeRetryOptions;
  S3BackupMode?: SnowflakeS3BackupMode;
  S3DestinationDescription?: S3DestinationDescription;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
  BufferingHints?: SnowflakeBufferingHints;
};

export type SnowflakeDestinationUpdate = {
  AccountUrl?: string;
  PrivateKey?: string;
  KeyPassphrase?: string;
  User?: string;
  Database?: string;
  Schema?: string;
  Table?: string;
  SnowflakeRoleConfiguration?: SnowflakeRoleConfiguration;
  DataLoadingOption?: SnowflakeDataLoadingOption;
  MetaDataColumnName?: string;
  ContentColumnName?: string;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  ProcessingConfiguration?: ProcessingConfiguration;
  RoleARN?: string;
  RetryOptions?: SnowflakeRetryOptions;
  S3BackupMode?: SnowflakeS3BackupMode;
  S3Update?: S3DestinationUpdate;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
  BufferingHints?: SnowflakeBufferingHints;
};

export type SnowflakeRetryOptions = {
  DurationInSeconds?: number;
};

export type SnowflakeRoleConfiguration = {
  Enabled?: boolean;
  SnowflakeRole?: string;
};

export type SnowflakeS3BackupMode = "FailedDataOnly" | "AllData";

export type SnowflakeVpcConfiguration = {
  PrivateLinkVpceId: string;
};

export type SourceDescription = {
  DirectPutSourceDescription?: DirectPutSourceDescription;
  KinesisStreamSourceDescription?: KinesisStreamSourceDescription;
  MSKSourceDescription?: MSKSourceDescription;
  DatabaseSourceDescription?: DatabaseSourceDescription;
};

export type SplunkBufferingHints = {
  IntervalInSeconds?: number;
  SizeInMBs?: number;
};

export type SplunkDestinationConfiguration = {
  HECEndpoint: string;
  HECEndpointType: HECEndpointType;
  HECToken?: string;
  HECAcknowledgmentTimeoutInSeconds?: number;
  RetryOptions?: SplunkRetryOptions;
  S3BackupMode?: SplunkS3BackupMode;
  S3Configuration: S3DestinationConfiguration;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  BufferingHints?: SplunkBufferingHints;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type SplunkDestinationDescription = {
  HECEndpoint?: string;
  HECEndpointType?: HECEndpointType;
  HECToken?: string;
  HECAcknowledgmentTimeoutInSeconds?: number;
  RetryOptions?: SplunkRetryOptions;
  S3BackupMode?: SplunkS3BackupMode;
  S3DestinationDescription?: S3DestinationDescription;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  BufferingHints?: SplunkBufferingHints;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type SplunkDestinationUpdate = {
  HECEndpoint?: string;
  HECEndpointType?: HECEndpointType;
  HECToken?: string;
  HECAcknowledgmentTimeoutInSeconds?: number;
  RetryOptions?: SplunkRetryOptions;
  S3BackupMode?: SplunkS3BackupMode;
  S3Update?: S3DestinationUpdate;
  ProcessingConfiguration?: ProcessingConfiguration;
  CloudWatchLoggingOptions?: CloudWatchLoggingOptions;
  BufferingHints?: SplunkBufferingHints;
  SecretsManagerConfiguration?: SecretsManagerConfiguration;
};

export type SplunkRetryOptions = {
  DurationInSeconds?: number;
};

export type SplunkS3BackupMode = "FailedEventsOnly" | "AllEvents";

export type StartDeliveryStreamEncryptionInput = {
  DeliveryStreamName: string;
  DeliveryStreamEncryptionConfigurationInput?: DeliveryStreamEncryptionConfigurationInput;
};

export type StartDeliveryStreamEncryptionOutput = { [key: string]: never };

export type StopDeliveryStreamEncryptionInput = {
  DeliveryStreamName: string;
};

export type StopDeliveryStreamEncryptionOutput = { [key: string]: never };

export type TableCreationConfiguration = {
  Enabled: boolean;
};

export type Tag = {
  Key: string;
  Value?: string;
};

export type TagDeliveryStreamInput = {
  DeliveryStreamName: string;
  Tags: Tag[];
};

export type TagDeliveryStreamOutput = { [key: string]: never };

export type UntagDeliveryStreamInput = {
  DeliveryStreamName: string;
  TagKeys: string[];
};

export type UntagDeliveryStreamOutput = { [key: string]: never };

export type UpdateDestinationInput = {
  DeliveryStreamName: string;
  CurrentDeliveryStreamVersionId: string;
  DestinationId: string;
  S3DestinationUpdate?: S3DestinationUpdate;
  ExtendedS3DestinationUpdate?: ExtendedS3DestinationUpdate;
  RedshiftDestinationUpdate?: RedshiftDestinationUpdate;
  ElasticsearchDestinationUpdate?: ElasticsearchDestinationUpdate;
  AmazonopensearchserviceDestinationUpdate?: AmazonopensearchserviceDestinationUpdate;
  SplunkDestinationUpdate?: SplunkDestinationUpdate;
  HttpEndpointDestinationUpdate?: HttpEndpointDestinationUpdate;
  AmazonOpenSearchServerlessDestinationUpdate?: AmazonOpenSearchServerlessDestinationUpdate;
  SnowflakeDestinationUpdate?: SnowflakeDestinationUpdate;
  IcebergDestinationUpdate?: IcebergDestinationUpdate;
};

export type UpdateDestinationOutput = { [key: string]: never };

export type VpcConfiguration = {
  SubnetIds: string[];
  RoleARN: string;
  SecurityGroupIds: string[];
};

export type VpcConfigurationDescription = {
  SubnetIds: string[];
  RoleARN: string;
  SecurityGroupIds: string[];
  VpcId: string;
};
