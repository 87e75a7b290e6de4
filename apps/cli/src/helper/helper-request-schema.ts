import { z } from 'zod';

/** What a caller may send the helper: checked before anything is run. */
export const HelperRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call'),
    protocol: z.number().int(),
    version: z.string(),
    build: z.string(),
    nodeVersion: z.string(),
    execArgv: z.array(z.string()),
    argv: z.array(z.string()),
    environment: z.record(z.string(), z.string()),
    currentDirectory: z.string().min(1),
    elapsedMs: z.number().nonnegative(),
    callerPid: z.number().int(),
    stderrIsTerminal: z.boolean(),
  }),
  z.object({ kind: z.literal('go') }),
  z.object({ kind: z.literal('status') }),
  z.object({ kind: z.literal('stop') }),
]);

export type ParsedHelperRequest = z.infer<typeof HelperRequestSchema>;
