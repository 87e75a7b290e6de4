import { describeQuotas } from './quotas-suite.js';

describeQuotas('SQLite', async () => ({}));
