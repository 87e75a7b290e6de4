import {
  ProviderApiError,
  ProviderAuthError,
  ProviderCapacityError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderSdkError,
  ProviderValidationError,
  retryAfterMsFromHeaders,
} from '@ohf/provider-sdk';
import type { ProviderErrorCodeV1 } from '@ohf/provider-sdk';

export const AWS_PROVIDER_ID = 'aws';

/** What the AWS SDK v3 puts on a service exception (only the fields we read). */
interface AwsServiceErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly Code?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
  readonly $retryable?: { readonly throttling?: boolean };
  readonly $response?: { readonly headers?: Readonly<Record<string, string | undefined>> };
}

const CAPACITY_CODES = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'InsufficientReservedInstanceCapacity',
  'InsufficientCapacityOnHost',
  'InsufficientFreeAddressesInSubnet',
  'SpotMaxPriceTooLow',
  'UnfulfillableCapacity',
  'capacity-not-available',
  'price-too-low',
  'capacity-oversubscribed',
]);

const THROTTLING_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
]);

const QUOTA_CODES = new Set([
  'InstanceLimitExceeded',
  'VcpuLimitExceeded',
  'MaxSpotInstanceCountExceeded',
  'MaxSpotFleetRequestCountExceeded',
  'MaxFleetCountExceeded',
  'FleetLimitExceeded',
  'LaunchTemplateLimitExceeded',
  'LaunchTemplateVersionLimitExceeded',
  'LimitExceeded',
  'LimitExceededException',
  'ResourceLimitExceeded',
  'AddressLimitExceeded',
  'VolumeLimitExceeded',
  'max-spot-instance-count-exceeded',
]);

const INVALID_CREDENTIAL_CODES = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'UnrecognizedClientException',
  'MissingAuthenticationToken',
  'OptInRequired',
]);

const FORBIDDEN_CODES = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'Blocked',
  'InvalidIamInstanceProfile',
  'iamFleetRoleInvalid',
]);

const MISSING_CREDENTIAL_NAMES = new Set(['CredentialsProviderError', 'TokenProviderError']);

const NETWORK_CODES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'NetworkingError',
]);

/**
 * Which template field an invalid-parameter error is about, so the message can send the user
 * to the line of their template that is wrong. Checked in order: the first match wins.
 */
const FIELD_BY_CODE_PATTERN: ReadonlyArray<readonly [RegExp, string]> = [
  [/^InvalidAMIID|^InvalidAMIName|^InvalidImage|^ParameterNotFound$/i, 'imageId'],
  [/^InvalidSubnet|^InvalidSubnetID/i, 'subnetIds'],
  [/^InvalidGroup|^InvalidSecurityGroup/i, 'securityGroupIds'],
  [/^InvalidKeyPair/i, 'keyName'],
  [/^InvalidInstanceType|^Unsupported$|^UnsupportedInstanceType/i, 'vmType'],
  [/^InvalidLaunchTemplate/i, 'launchTemplateId'],
  [/^InvalidIamInstanceProfile|^InvalidInstanceProfile/i, 'instanceProfile'],
  [/^InvalidUserData/i, 'userData'],
  [/^InvalidBlockDeviceMapping|^InvalidVolume/i, 'rootDeviceVolumeSize'],
  [/^InvalidSpotFleetRequestConfig|^InvalidFleetConfig/i, 'vmTypes'],
];

const FIELD_BY_MESSAGE_PATTERN: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bimage|\bAMI\b/i, 'imageId'],
  [/\bsubnet/i, 'subnetIds'],
  [/security group/i, 'securityGroupIds'],
  [/key ?pair|\bkeyName/i, 'keyName'],
  [/instance ?type/i, 'vmType'],
  [/spot ?price|MaxPrice/i, 'maxSpotPrice'],
  [/iam ?fleet ?role|fleet ?role/i, 'fleetRole'],
  [/ValidUntil/i, 'spotFleetRequestExpiry'],
  [/iops/i, 'iops'],
  [/volume ?type/i, 'volumeType'],
  [/volume ?size|VolumeSize/i, 'rootDeviceVolumeSize'],
  [/instance ?profile/i, 'instanceProfile'],
  [/user ?data/i, 'userData'],
  [/launch ?template/i, 'launchTemplateId'],
];

export interface AwsErrorContext {
  /** `<Service>.<Operation>`, e.g. 'EC2.RunInstances'. */
  readonly operation: string;
  readonly instanceType?: string;
  readonly location?: string;
}

/** The AWS error code: the SDK's `name` for service exceptions, else `Code`/`code`. */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as AwsServiceErrorShape;
  if (shape.name && shape.name !== 'Error' && shape.name !== 'ServiceException') return shape.name;
  return shape.Code ?? shape.code ?? shape.name;
}

/**
 * Turns anything an AWS SDK call throws into the normalized error of the provider contract:
 * the stable code, whether retrying can help, the field at fault and AWS's request id.
 */
export function classifyAwsError(error: unknown, context: AwsErrorContext): ProviderSdkError {
  if (ProviderSdkError.isInstance(error)) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as AwsServiceErrorShape;
  const code = awsErrorCode(error) ?? 'Unknown';
  const awsMessage = typeof shape.message === 'string' && shape.message !== '' ? shape.message : String(error);
  const statusCode = shape.$metadata?.httpStatusCode ?? (shape as { $response?: { statusCode?: number } }).$response?.statusCode;
  const retryAfterMs = retryAfterOf(shape);
  const options = {
    providerId: AWS_PROVIDER_ID,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    operation: context.operation,
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(shape.$metadata?.requestId === undefined ? {} : { requestId: shape.$metadata.requestId }),
    details: {
      awsErrorCode: code,
      ...(context.instanceType === undefined ? {} : { instanceType: context.instanceType }),
      ...(context.location === undefined ? {} : { location: context.location }),
    },
    cause: error,
  };
  const describe = (what: string): string => `${context.operation} failed: ${what} (${code}: ${awsMessage})`;

  if (CAPACITY_CODES.has(code) || /^Insufficient.*Capacity/.test(code)) {
    return new ProviderCapacityError(
      describe('AWS has no capacity for this offering now; another instance type, subnet or provider may have it'),
      options,
    );
  }
  if (THROTTLING_CODES.has(code) || shape.$retryable?.throttling === true || statusCode === 429) {
    return new ProviderRateLimitError(describe('AWS throttled the call; it is retried with backoff'), options);
  }
  if (QUOTA_CODES.has(code)) {
    return new ProviderQuotaError(
      describe('an account quota is reached; raise it in Service Quotas or return machines'),
      options,
    );
  }
  if (MISSING_CREDENTIAL_NAMES.has(code)) {
    return new ProviderAuthError(
      'MISSING_CREDENTIALS',
      describe('no AWS credentials were found; configure a profile, role_arn or the default credential chain'),
      options,
    );
  }
  if (INVALID_CREDENTIAL_CODES.has(code)) {
    return new ProviderAuthError('INVALID_CREDENTIALS', describe('AWS rejected the credentials'), options);
  }
  if (FORBIDDEN_CODES.has(code) || statusCode === 403) {
    return new ProviderAuthError(
      'FORBIDDEN',
      describe('the credentials lack an IAM permission this call needs (see the README for the policy)'),
      options,
    );
  }
  if (/^Invalid|^Missing|^Malformed|^Unsupported|^ValidationError$|^bad-parameters$|^ParameterNotFound$/.test(code)) {
    const field = fieldOf(code, awsMessage);
    return new ProviderValidationError(
      describe(field ? `AWS rejected the template field "${field}"` : 'AWS rejected the request parameters'),
      { ...options, ...(field === undefined ? {} : { field }) },
    );
  }
  if (NETWORK_CODES.has(code) || shape.$fault === 'server' || (statusCode !== undefined && statusCode >= 500)) {
    const unavailable = NETWORK_CODES.has(code) && statusCode === undefined;
    return new ProviderApiError(
      unavailable ? 'PROVIDER_UNAVAILABLE' : 'API_ERROR',
      describe(unavailable ? 'AWS could not be reached' : 'AWS had an internal error'),
      { ...options, retryable: true },
    );
  }
  const fallbackCode: ProviderErrorCodeV1 = 'API_ERROR';
  return new ProviderApiError(fallbackCode, describe('AWS refused the call'), { ...options, retryable: false });
}

/** Most AWS APIs send no Retry-After, but some front ends (and emulators) do: honour it when present. */
function retryAfterOf(shape: AwsServiceErrorShape): number | undefined {
  const headers = shape.$response?.headers;
  if (!headers) return undefined;
  const retryAfter = headers['retry-after'] ?? headers['Retry-After'];
  return retryAfter === undefined ? undefined : retryAfterMsFromHeaders(new Headers({ 'retry-after': retryAfter }));
}

function fieldOf(code: string, message: string): string | undefined {
  for (const [pattern, field] of FIELD_BY_CODE_PATTERN) if (pattern.test(code)) return field;
  for (const [pattern, field] of FIELD_BY_MESSAGE_PATTERN) if (pattern.test(message)) return field;
  return undefined;
}
