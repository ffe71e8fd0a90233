// n8n-core's InstanceSettings writes a config file under the user folder and
// needs an encryption key; keep both out of the developer's home.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'zd-n8n-'));
process.env.N8N_ENCRYPTION_KEY ??= 'test-only-encryption-key';
process.env.N8N_LOG_LEVEL ??= 'silent';
