import { OhfError, type OhfErrorLike } from '@ohf/domain-core';

/** The Open Host Factory error a promise rejects with (fails the test when it resolves or throws anything else). */
export async function caughtOhfError(promise: Promise<unknown>): Promise<OhfErrorLike & Error> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  if (!OhfError.isInstance(error)) throw error;
  return error;
}
