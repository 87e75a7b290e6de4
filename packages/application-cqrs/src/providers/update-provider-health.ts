import { parseHealthUpdate, type InstanceHealth, type SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';

export const UpdateProviderHealthSchema = acceptSnakeCase(
  z.object({
    type: z.literal('UpdateProviderHealth'),
    providerName: z.string().min(1),
    /** `{ is_healthy, status_message, error_details: { retry_after } }` as in the strategy guide, or camelCase. */
    healthStatus: z.record(z.string(), z.unknown()),
    /** Who reports it, e.g. `monitoring_system`. */
    source: z.string().min(1).optional(),
  }),
);
export type UpdateProviderHealthCommand = z.infer<typeof UpdateProviderHealthSchema>;

export interface UpdateProviderHealthResult {
  readonly health: InstanceHealth;
}

/** Records a health report from outside (monitoring); an unhealthy instance is skipped by selection until it recovers. */
export class UpdateProviderHealthHandler {
  constructor(private readonly dependencies: { readonly selection: SelectionEngine }) {}

  async handle(command: UpdateProviderHealthCommand): Promise<UpdateProviderHealthResult> {
    const update = parseHealthUpdate({
      health_status: command.healthStatus,
      ...(command.source === undefined ? {} : { source: command.source }),
    });
    return { health: this.dependencies.selection.updateHealth(command.providerName, update) };
  }
}
