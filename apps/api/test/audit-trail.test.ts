import { describeAuditTrail } from './audit-trail-suite.js';

describeAuditTrail('SQLite', async () => ({}));
