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

export interface RequestViewOptions {
  /** Keep the selection explanation (candidates and why each was skipped): kilobytes a progress poll rarely needs. */
  readonly explain?: boolean;
}

/** The request without its selection explanation, unless asked for. */
export function withoutExplanation(request: MachineRequest, options: RequestViewOptions): MachineRequest {
  if (options.explain !== false || request.selectionExplanation === undefined) return request;
  const { selectionExplanation: _explanation, ...rest } = request;
  return rest;
}

/** A request with its machines and a summary a client can show as progress. */
export function requestView(request: MachineRequest, machines: readonly Machine[], options: RequestViewOptions = {}): RequestView {
  const byState: Partial<Record<MachineState, number>> = {};
  for (const machine of machines) byState[machine.state] = (byState[machine.state] ?? 0) + 1;
  return {
    request: withoutExplanation(request, options),
    machines: [...machines],
    progress: { requested: request.requestedCount, machines: machines.length, byState, final: isRequestFinal(request) },
  };
}
