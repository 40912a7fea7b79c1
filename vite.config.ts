import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	ssr: { external: ['@duckdb/node-api', '@duckdb/node-bindings', '@node-rs/argon2'] },
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
		environment: 'node',
		testTimeout: 180_000,
		hookTimeout: 300_000,
		pool: 'forks',
		// Two cores: DuckDB work inside tests is already parallel, so keep two workers at most.
		maxWorkers: 2,
		globalSetup: ['tests/global-setup.ts'],
		reporters: ['default', './tests/summary-reporter.ts']
	}
});
