import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const API_TARGET = process.env.API_URL ?? 'http://127.0.0.1:8001';
// Patterns, not prefixes: a prefix '/trpc' would also send the dashboard's own trpc.ts there.
const API_PATHS = ['^/trpc(/|$)', '^/track-usage$', '^/usage-metrics$', '^/healthz$'];

export default defineConfig({
  root: 'src/client',
  envDir: '../..',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: '../../dist/client',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, API_TARGET])),
  },
  test: {
    root: '.',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup/failOnConsoleError.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { CLERK_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' },
  },
});
