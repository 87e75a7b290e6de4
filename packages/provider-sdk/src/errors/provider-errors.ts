import type { ProviderErrorCodeV1 } from '../compute-provider/v1/compute-provider-v1.js';
import { RETRYABLE_ERROR_CODES } from './error-codes.js';
import { hasErrorClassMarker, markErrorClass, OHF_ERROR_MARKER } from './error-markers.js';

export interface ProviderErrorOptions {
  readonly providerId?: string;
  readonly operation?: string;
  readonly statusCode?: number;
  /** The cloud's own request id, for support tickets. */
  readonly requestId?: string;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  /** Template or request field the error is about, when the cloud names one. */
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** Base of every error this package throws. Messages never contain credentials. */
export class ProviderSdkError extends Error {
  /** The provider branch of the one error hierarchy: domain-core's `OhfError.isInstance` accepts it. */
  readonly [OHF_ERROR_MARKER] = true;
  readonly code: ProviderErrorCodeV1;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly providerId?: string;
  readonly operation?: string;
  readonly statusCode?: number;
  readonly requestId?: string;
  readonly field?: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ProviderErrorCodeV1, message: string, options: ProviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_ERROR_CODES.has(code);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.providerId !== undefined) this.providerId = options.providerId;
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.field !== undefined) this.field = options.field;
    this.details = {
      ...(options.field === undefined ? {} : { field: options.field }),
      ...(options.providerId === undefined ? {} : { provider: options.providerId }),
      ...(options.operation === undefined ? {} : { operation: options.operation }),
      ...(options.statusCode === undefined ? {} : { statusCode: options.statusCode }),
      ...(options.requestId === undefined ? {} : { providerRequestId: options.requestId }),
      ...(options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs }),
      ...options.details,
    };
  }

  override get name(): string {
    return 'OHF_ProviderSdkError';
  }

  static {
    markErrorClass(this, 'ProviderSdkError');
  }

  /**
   * True for errors of this class or a subclass, from any copy of this package. Each class has
   * its own `isInstance`: `ProviderApiError.isInstance` is false for an
   * `InvalidProviderOptionsError`, and both are false for domain-core's errors.
   */
  static isInstance(error: unknown): error is ProviderSdkError {
    return hasErrorClassMarker(error, 'ProviderSdkError');
  }
}

/** A call to a cloud API failed; `code` is the normalized reason. */
export class ProviderApiError extends ProviderSdkError {
  override get name(): string {
    return 'OHF_ProviderApiError';
  }
  static {
    markErrorClass(this, 'ProviderApiError');
  }
  static override isInstance(error: unknown): error is ProviderApiError {
    return hasErrorClassMarker(error, 'ProviderApiError');
  }
}

export class ProviderAuthError extends ProviderApiError {
  constructor(code: 'MISSING_CREDENTIALS' | 'INVALID_CREDENTIALS' | 'FORBIDDEN', message: string, options: ProviderErrorOptions = {}) {
    super(code, message, { ...options, retryable: false });
  }
  override get name(): string {
    return 'OHF_ProviderAuthError';
  }
  static {
    markErrorClass(this, 'ProviderAuthError');
  }
  static override isInstance(error: unknown): error is ProviderAuthError {
    return hasErrorClassMarker(error, 'ProviderAuthError');
  }
}

export class ProviderCapacityError extends ProviderApiError {
  constructor(message: string, options: ProviderErrorOptions = {}) {
    // Not retried on the same offering: selection blocks it and fails over.
    super('INSUFFICIENT_CAPACITY', message, { retryable: false, ...options });
  }
  override get name(): string {
    return 'OHF_ProviderCapacityError';
  }
  static {
    markErrorClass(this, 'ProviderCapacityError');
  }
  static override isInstance(error: unknown): error is ProviderCapacityError {
    return hasErrorClassMarker(error, 'ProviderCapacityError');
  }
}

export class ProviderQuotaError extends ProviderApiError {
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super('QUOTA_EXCEEDED', message, { retryable: false, ...options });
  }
  override get name(): string {
    return 'OHF_ProviderQuotaError';
  }
  static {
    markErrorClass(this, 'ProviderQuotaError');
  }
  static override isInstance(error: unknown): error is ProviderQuotaError {
    return hasErrorClassMarker(error, 'ProviderQuotaError');
  }
}

export class ProviderRateLimitError extends ProviderApiError {
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super('RATE_LIMIT_EXCEEDED', message, { ...options, retryable: true });
  }
  override get name(): string {
    return 'OHF_ProviderRateLimitError';
  }
  static {
    markErrorClass(this, 'ProviderRateLimitError');
  }
  static override isInstance(error: unknown): error is ProviderRateLimitError {
    return hasErrorClassMarker(error, 'ProviderRateLimitError');
  }
}

export class ProviderNotFoundError extends ProviderApiError {
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super('MACHINE_NOT_FOUND', message, { ...options, retryable: false });
  }
  override get name(): string {
    return 'OHF_ProviderNotFoundError';
  }
  static {
    markErrorClass(this, 'ProviderNotFoundError');
  }
  static override isInstance(error: unknown): error is ProviderNotFoundError {
    return hasErrorClassMarker(error, 'ProviderNotFoundError');
  }
}

export class ProviderValidationError extends ProviderApiError {
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super('VALIDATION_ERROR', message, { ...options, retryable: false });
  }
  override get name(): string {
    return 'OHF_ProviderValidationError';
  }
  static {
    markErrorClass(this, 'ProviderValidationError');
  }
  static override isInstance(error: unknown): error is ProviderValidationError {
    return hasErrorClassMarker(error, 'ProviderValidationError');
  }
}

/** `providerOptions[providerId]` or the provider settings failed the provider's schema. */
export class InvalidProviderOptionsError extends ProviderSdkError {
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super('VALIDATION_ERROR', message, { ...options, retryable: false });
  }
  override get name(): string {
    return 'OHF_InvalidProviderOptionsError';
  }
  static {
    markErrorClass(this, 'InvalidProviderOptionsError');
  }
  static override isInstance(error: unknown): error is InvalidProviderOptionsError {
    return hasErrorClassMarker(error, 'InvalidProviderOptionsError');
  }
}

export class UnsupportedCapabilityError extends ProviderSdkError {
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super('API_NOT_SUPPORTED', message, { ...options, retryable: false });
  }
  override get name(): string {
    return 'OHF_UnsupportedCapabilityError';
  }
  static {
    markErrorClass(this, 'UnsupportedCapabilityError');
  }
  static override isInstance(error: unknown): error is UnsupportedCapabilityError {
    return hasErrorClassMarker(error, 'UnsupportedCapabilityError');
  }
}

export class NoSuchProviderError extends ProviderSdkError {
  constructor(providerType: string, knownTypes: readonly string[]) {
    super(
      'PROVIDER_NOT_FOUND',
      `Provider type "${providerType}" is not registered; known types: ${knownTypes.length ? knownTypes.join(', ') : '(none)'}.`,
      { retryable: false, details: { requested_provider: providerType, available_providers: [...knownTypes] } },
    );
  }
  override get name(): string {
    return 'OHF_NoSuchProviderError';
  }
  static {
    markErrorClass(this, 'NoSuchProviderError');
  }
  static override isInstance(error: unknown): error is NoSuchProviderError {
    return hasErrorClassMarker(error, 'NoSuchProviderError');
  }
}
