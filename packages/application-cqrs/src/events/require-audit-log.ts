import { ConfigurationError, type AuditLog } from '@ohf/domain-core';

/** The audit trail, or a clear error when the process was composed without one. */
export function requireAuditLog(audit: AuditLog | undefined): AuditLog {
  if (audit !== undefined) return audit;
  throw new ConfigurationError('No audit trail is configured: events are kept by the storage of the runtime (SQLite or PostgreSQL).', {
    details: { missing: 'audit' },
  });
}
