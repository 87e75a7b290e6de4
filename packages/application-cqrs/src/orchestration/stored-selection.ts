import type { MachineRequest } from '@ohf/domain-core';
import type { ProviderChoice, ProviderPreference } from './provider-selector.js';

/**
 * What a request keeps of its provider selection (`selectionExplanation`): the selection
 * engine's decision — candidates, skipped ones and why — plus what the caller asked for, so a
 * later process can fail over along the same route.
 */
export interface StoredSelection {
  readonly decision: unknown;
  readonly preference?: ProviderPreference;
  readonly criteria?: unknown;
  /** Earlier decisions of this request, oldest first (one per failover). */
  readonly history?: readonly unknown[];
}

export function storedSelectionOf(request: MachineRequest): StoredSelection | undefined {
  const value = request.selectionExplanation;
  if (typeof value !== 'object' || value === null || !('decision' in value)) return undefined;
  return value as StoredSelection;
}

/** The request's current choice as the selector knows it, rebuilt from the stored fields. */
export function currentChoiceOf(request: MachineRequest): ProviderChoice | undefined {
  if (request.providerInstance === undefined || request.providerType === undefined) return undefined;
  return {
    providerInstance: request.providerInstance,
    providerType: request.providerType,
    ...(request.providerApi === undefined ? {} : { providerApi: request.providerApi }),
    decision: storedSelectionOf(request)?.decision,
  };
}

/**
 * A request recorded before any instance could take it (all blocked for now): no decision yet,
 * but what the caller asked for is kept for the selection of a later step.
 */
export function withoutChoice(request: MachineRequest, selection: Omit<StoredSelection, 'decision' | 'history'>): MachineRequest {
  const stored: StoredSelection = {
    decision: null,
    ...(selection.preference === undefined ? {} : { preference: selection.preference }),
    ...(selection.criteria === undefined ? {} : { criteria: selection.criteria }),
  };
  return { ...request, selectionExplanation: stored };
}

/** The request with a new choice recorded, the previous decision kept in the history. */
export function withChoice(request: MachineRequest, choice: ProviderChoice, selection: Omit<StoredSelection, 'decision' | 'history'>): MachineRequest {
  const previous = storedSelectionOf(request);
  const history = previous === undefined ? [] : [...(previous.history ?? []), previous.decision];
  const stored: StoredSelection = {
    decision: choice.decision,
    ...(selection.preference === undefined ? {} : { preference: selection.preference }),
    ...(selection.criteria === undefined ? {} : { criteria: selection.criteria }),
    ...(history.length === 0 ? {} : { history }),
  };
  const { providerApi: _previousApi, ...rest } = request;
  return {
    ...rest,
    providerInstance: choice.providerInstance,
    providerType: choice.providerType,
    ...(choice.providerApi === undefined ? {} : { providerApi: choice.providerApi }),
    selectionExplanation: stored,
  };
}
