import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './tests/e2e/helpers/browser';

// scripts/e2e.js builds the app, prepares a fresh database and sets E2E_* before running this.
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	// One folder per build, so runs side by side do not wipe each other's traces.
	outputDir: `test-results/${path.basename(process.env.BUILD_DIR ?? 'build')}`,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS ?? 2),
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL,
		locale: 'ko-KR',
		timezoneId: 'Asia/Seoul',
		trace: 'retain-on-failure',
		launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS }
	},
	webServer: {
		command: `node ${process.env.BUILD_DIR ?? 'build'}`,
		url: `${baseURL}/healthz`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			ORIGIN: baseURL,
			// As `npm start` runs it: document uploads up to 5 MB pass adapter-node's limit.
			BODY_SIZE_LIMIT: '6M',
			...(process.env.E2E_DATABASE_URL
				? { DATABASE_URL: process.env.E2E_DATABASE_URL }
				: { PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? 'tests/.artifacts/e2e-data' }),
			RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: '10000',
			RATE_LIMIT_REGISTRATIONS_PER_IP: '10000',
			RATE_LIMIT_COMMENTS_PER_USER: '10000'
		}
	}
});
