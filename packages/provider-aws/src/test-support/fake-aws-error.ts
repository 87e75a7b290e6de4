import { AutoScalingServiceException } from '@aws-sdk/client-auto-scaling';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import type { ConformanceFailureKind } from '@ohf/provider-sdk/testing';

/** What AWS answers for each fault kind of the conformance kit. */
export const FAULTS: Readonly<Record<ConformanceFailureKind, { name: string; status: number; fault: 'client' | 'server'; message: string }>> = {
  rate_limit: { name: 'RequestLimitExceeded', status: 503, fault: 'client', message: 'Request limit exceeded.' },
  server_error: { name: 'InternalError', status: 500, fault: 'server', message: 'An internal error has occurred' },
  unauthorized: { name: 'AuthFailure', status: 401, fault: 'client', message: 'AWS was not able to validate the provided access credentials' },
  forbidden: { name: 'UnauthorizedOperation', status: 403, fault: 'client', message: 'You are not authorized to perform this operation.' },
};

/** A service exception as the AWS SDK v3 throws it, with the HTTP status and optional Retry-After. */
export function awsError(
  name: string,
  message: string,
  options: { status?: number; fault?: 'client' | 'server'; retryAfterSeconds?: number; service?: 'EC2' | 'AutoScaling' } = {},
): Error {
  const Exception = options.service === 'AutoScaling' ? AutoScalingServiceException : EC2ServiceException;
  const error = new Exception({
    name,
    message,
    $fault: options.fault ?? 'client',
    $metadata: { httpStatusCode: options.status ?? 400, requestId: `aws-request-${name}` },
  });
  if (options.retryAfterSeconds !== undefined) {
    Object.assign(error, { $response: { statusCode: options.status ?? 400, headers: { 'retry-after': String(options.retryAfterSeconds) } } });
  }
  return error;
}
