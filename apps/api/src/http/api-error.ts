import { OhfError, type ErrorCode, type ErrorDetails, type OhfErrorOptions } from '@ohf/domain-core';
import { hasErrorClassMarker, markErrorClass } from '@ohf/provider-sdk';

/** An error raised by the HTTP layer itself (authentication, rate limits, routing). */
export class ApiError extends OhfError {
  readonly layer = 'application' as const;
  readonly kind = 'Command' as const;

  constructor(code: ErrorCode, message: string, options: OhfErrorOptions = {}) {
    super(code, message, options);
  }

  override get name(): string {
    return 'OHF_ApiError';
  }

  static {
    markErrorClass(this, 'ApiError');
  }
  static override isInstance(error: unknown): error is ApiError {
    return hasErrorClassMarker(error, 'ApiError');
  }
}

export function apiError(code: ErrorCode, message: string, details: ErrorDetails = {}, retryAfterMs?: number): ApiError {
  return new ApiError(code, message, { details, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}
