/**
 * The errors Analytics' API answers that more than one module raises. AWS documents the exceptions
 * but not their messages; the one message quoted from AWS is v1's refusal of applications made or
 * changed through v2 (aws/aws-sdk-ruby#2151: "test was created/updated by kinesisanalyticsv2 SDK.
 * Please use kinesisanalyticsv2 SDK to make changes to test."). The others are ours, in AWS's style.
 */
import {
  AwsError,
  ConcurrentModificationException,
  ResourceInUseException,
  ResourceNotFoundException,
  UnsupportedOperationException,
} from "../aws/errors";
import type { Scope } from "../aws/scope";

export function applicationNotFound(scope: Scope, name: string): AwsError {
  return new ResourceNotFoundException(`Application ${name} under account ${scope.account} not found.`);
}

export function applicationExists(scope: Scope, name: string): AwsError {
  return new ResourceInUseException(`Application ${name} under account ${scope.account} already exists.`);
}

/** An operation the application's status does not allow (`action`: "updated", "started"...). */
export function wrongStatus(name: string, status: string, action: string): AwsError {
  return new ResourceInUseException(`Application ${name} is in ${status} status and cannot be ${action}.`);
}

export function staleVersion(name: string, given: number, current: number): AwsError {
  return new ConcurrentModificationException(
    `Provided application version id ${given} does not match the current application version id ${current} of application ${name}.`,
  );
}

export function staleToken(name: string): AwsError {
  return new ConcurrentModificationException(`Provided ConditionalToken does not match the current ConditionalToken of application ${name}.`);
}

export function managedByV2(name: string): AwsError {
  return new UnsupportedOperationException(
    `${name} was created/updated by kinesisanalyticsv2 SDK. Please use kinesisanalyticsv2 SDK to make changes to ${name}.`,
  );
}
