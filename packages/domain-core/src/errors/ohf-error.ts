import { hasErrorClassMarker, isErrorCode, markErrorClass, OHF_ERROR_MARKER, RETRYABLE_ERROR_CODES, type ErrorCode } from '@ohf/provider-sdk';

/**
 * `OHF_ERROR_MARKER` (`Symbol.for('ohf.error')`) is the family marker: provider-sdk sets it on its
 * errors too (the provider branch of this hierarchy), so `OhfError.isInstance` recognises errors
 * from any copy of either package, where `instanceof` would fail across duplicated installs.
 */
export { OHF_ERROR_MARKER };

export type ErrorLayer = 'domain' | 'infrastructure' | 'application';

export type ErrorKind =
  | 'Validation'
  | 'BusinessRule'
  | 'NotFound'
  | 'Storage'
  | 'Configuration'
  | 'Provider'
  | 'Command'
  | 'Query';

export interface ErrorDetails {
  readonly [key: string]: unknown;
}

export interface OhfErrorOptions {
  readonly details?: ErrorDetails;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/** The JSON shape of an error everywhere outside the Host Factory contract. */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details: ErrorDetails;
  };
}

/** The structural contract any Open Host Factory error satisfies, from any package. */
export interface OhfErrorLike {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly details?: ErrorDetails;
}

export abstract class OhfError extends Error implements OhfErrorLike {
  readonly [OHF_ERROR_MARKER] = true;
  abstract readonly layer: ErrorLayer;
  abstract readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  protected constructor(code: ErrorCode, message: string, options: OhfErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? RETRYABLE_ERROR_CODES.has(code);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  override get name(): string {
    return `OHF_${this.kind}Error`;
  }

  /**
   * True for any error carrying the Open Host Factory marker and a known code: this hierarchy's
   * and provider-sdk's. The subclasses' `isInstance` are exact: each class carries its own
   * `Symbol.for('ohf.error.<ClassName>')` marker on its prototype (see `markErrorClass`).
   */
  static isInstance(error: unknown): error is OhfErrorLike & Error {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[OHF_ERROR_MARKER] === true &&
      isErrorCode((error as { code?: unknown }).code)
    );
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export class ValidationError extends OhfError {
  readonly layer = 'domain' as const;
  readonly kind = 'Validation' as const;
  constructor(message: string, options: OhfErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'VALIDATION_ERROR', message, { ...options, retryable: false });
  }

  static {
    markErrorClass(this, 'ValidationError');
  }
  static override isInstance(error: unknown): error is ValidationError {
    return hasErrorClassMarker(error, 'ValidationError');
  }
}

export class BusinessRuleError extends OhfError {
  readonly layer = 'domain' as const;
  readonly kind = 'BusinessRule' as const;
  constructor(code: ErrorCode, message: string, options: OhfErrorOptions = {}) {
    super(code, message, options);
  }

  static {
    markErrorClass(this, 'BusinessRuleError');
  }
  static override isInstance(error: unknown): error is BusinessRuleError {
    return hasErrorClassMarker(error, 'BusinessRuleError');
  }
}

export class NotFoundError extends OhfError {
  readonly layer = 'domain' as const;
  readonly kind = 'NotFound' as const;
  constructor(
    code: Extract<ErrorCode, 'TEMPLATE_NOT_FOUND' | 'REQUEST_NOT_FOUND' | 'MACHINE_NOT_FOUND' | 'PROVIDER_NOT_FOUND'>,
    message: string,
    options: OhfErrorOptions = {},
  ) {
    super(code, message, { ...options, retryable: false });
  }

  static {
    markErrorClass(this, 'NotFoundError');
  }
  static override isInstance(error: unknown): error is NotFoundError {
    return hasErrorClassMarker(error, 'NotFoundError');
  }
}

export class StorageError extends OhfError {
  readonly layer = 'infrastructure' as const;
  readonly kind = 'Storage' as const;
  constructor(message: string, options: OhfErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'INTERNAL', message, options);
  }

  static {
    markErrorClass(this, 'StorageError');
  }
  static override isInstance(error: unknown): error is StorageError {
    return hasErrorClassMarker(error, 'StorageError');
  }
}

export class ConfigurationError extends OhfError {
  readonly layer = 'infrastructure' as const;
  readonly kind = 'Configuration' as const;
  constructor(message: string, options: OhfErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'VALIDATION_ERROR', message, { ...options, retryable: false });
  }

  static {
    markErrorClass(this, 'ConfigurationError');
  }
  static override isInstance(error: unknown): error is ConfigurationError {
    return hasErrorClassMarker(error, 'ConfigurationError');
  }
}

export class ProviderError extends OhfError {
  readonly layer = 'infrastructure' as const;
  readonly kind = 'Provider' as const;
  constructor(code: ErrorCode, message: string, options: OhfErrorOptions = {}) {
    super(code, message, options);
  }

  static {
    markErrorClass(this, 'ProviderError');
  }
  static override isInstance(error: unknown): error is ProviderError {
    return hasErrorClassMarker(error, 'ProviderError');
  }
}

export class CommandError extends OhfError {
  readonly layer = 'application' as const;
  readonly kind = 'Command' as const;
  constructor(code: ErrorCode, message: string, options: OhfErrorOptions = {}) {
    super(code, message, options);
  }

  static {
    markErrorClass(this, 'CommandError');
  }
  static override isInstance(error: unknown): error is CommandError {
    return hasErrorClassMarker(error, 'CommandError');
  }
}

export class QueryError extends OhfError {
  readonly layer = 'application' as const;
  readonly kind = 'Query' as const;
  constructor(code: ErrorCode, message: string, options: OhfErrorOptions = {}) {
    super(code, message, options);
  }

  static {
    markErrorClass(this, 'QueryError');
  }
  static override isInstance(error: unknown): error is QueryError {
    return hasErrorClassMarker(error, 'QueryError');
  }
}

/**
 * Turns anything thrown into the error envelope. Errors that are not ours become INTERNAL
 * with a generic message: their text may hold stack details or secrets.
 */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (OhfError.isInstance(error)) {
    return { error: { code: error.code, message: error.message, details: error.details ?? {} } };
  }
  return { error: { code: 'INTERNAL', message: 'An internal error occurred.', details: {} } };
}
