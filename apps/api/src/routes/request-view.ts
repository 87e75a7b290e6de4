import { isRequestFinal, type Machine, type MachineRequest, type MachineState } from '@ohf/domain-core';

export interface RequestView {
  readonly request: MachineRequest;
  readonly machines: Machine[];
  readonly progress: {
    readonly requested: number;
    readonly machines: number;
    readonly byState: Partial<Record<MachineState, number>>;
    readonly final: boolean;
  };
}

/** A request with its machines and a summary a client can show as progress. */
export function requestView(request: MachineRequest, machines: readonly Machine[]): RequestView {
  const byState: Partial<Record<MachineState, number>> = {};
  for (const machine of machines) byState[machine.state] = (byState[machine.state] ?? 0) + 1;
  return {
    request,
    machines: [...machines],
    progress: { requested: request.requestedCount, machines: machines.length, byState, final: isRequestFinal(request) },
  };
}
