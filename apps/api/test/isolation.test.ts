import { describeTenancyIsolation } from './tenancy-isolation-suite.js';

describeTenancyIsolation('SQLite', async () => ({ drop: async () => undefined }));
