import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One fresh database per run; workers inherit the variable, so they all see the same server.
process.env.E2E_DATABASE ??= join(mkdtempSync(join(tmpdir(), 'plan-monitor-e2e-')), 'e2e.db');
// E2E_PORT lets two checkouts run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results',
	fullyParallel: true,
	workers: 2,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		// The same path as `npm start`: migrations, plan and demonstration data on an empty database.
		command: 'node scripts/run.mjs scripts/start.ts',
		url: `http://localhost:${port}/`,
		timeout: 180_000,
		reuseExistingServer: false,
		env: {
			DATABASE_URL: process.env.E2E_DATABASE,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			// Every test signs in from 127.0.0.1, some with wrong passwords: the throttle itself is
			// tested in src/lib/server/auth.spec.ts. Charts: 60 drawn a minute per client, which
			// tests/e2e/hardening.e2e.ts exceeds from an address of its own (127.0.0.x).
			SIGN_IN_THROTTLE: '1000/1000/300',
			CHART_RATE_LIMIT: '60/60',
			// A small import limit, so that uploads over it (tests/e2e/upload-limits.e2e.ts) stay small.
			IMPORT_MAX_MB: '2'
		}
	}
});
