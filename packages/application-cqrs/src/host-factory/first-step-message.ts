import { isRequestFinal, type MachineRequest } from '@ohf/domain-core';

/**
 * What requestMachines tells the scheduler when its first (inline) provisioning step did not
 * simply go well, so the answer never reads "success" over a failure: the first attempt failed
 * (and what happens next), it was given up at the end of the time budget, or no provider
 * instance could take the request yet. Undefined when the step went well.
 */
export function firstStepMessage(request: MachineRequest): string | undefined {
  const [first, ...later] = request.attempts;
  if (first === undefined) {
    if (isRequestFinal(request)) return undefined;
    return request.providerInstance === undefined
      ? `Request VM accepted; no provider instance can take it now, retrying on the next poll: ${request.message}`
      : `Request VM accepted; nothing was asked of ${request.providerInstance} yet, retrying on the next poll: ${request.message}`;
  }
  if (first.abandonedAt !== undefined && first.finishedAt === undefined) {
    return `Request VM accepted; the first attempt on ${first.providerInstance} did not answer within the time budget; it goes on at the next poll.`;
  }
  if (first.error === undefined) return undefined;
  const failed = `Request VM accepted; the first attempt on ${first.providerInstance} failed: ${first.error.code} (${first.error.message})`;
  if (isRequestFinal(request)) return `${failed}; provisioning stopped: ${request.message}`;
  const takeover = later.find((attempt) => attempt.error === undefined && attempt.requestedCount > 0 && attempt.providerInstance !== first.providerInstance);
  if (takeover !== undefined) return `${failed}; ${takeover.providerInstance} took over.`;
  return `${failed}; retrying on the next poll.`;
}
