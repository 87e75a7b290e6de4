/** An error answer from the API (its envelope's code and message), or a request that never got one. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** From the answer's status and parsed body: the `{error: {code, message, details}}` envelope when there is one. */
  static fromAnswer(status: number, body: unknown): ApiProblem {
    const envelope = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    if (envelope !== undefined && typeof envelope.code === 'string' && typeof envelope.message === 'string') {
      const details = typeof envelope.details === 'object' && envelope.details !== null ? (envelope.details as Record<string, unknown>) : {};
      return new ApiProblem(status, envelope.code, envelope.message, details);
    }
    return new ApiProblem(status, `HTTP_${status}`, `The API answered ${status} without an error description.`);
  }

  static unreachable(cause: unknown): ApiProblem {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ApiProblem(0, 'NETWORK_ERROR', `The API could not be reached (${reason}). Check that it is running, then retry.`);
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}
