import { describeWebhooks } from './webhooks-suite.js';

describeWebhooks('SQLite', async () => ({}));
