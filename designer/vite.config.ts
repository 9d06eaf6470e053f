import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The host serves the built designer from its wwwroot; `npm run dev` proxies /api to a running host.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../src/CsPlaybooks.Host/wwwroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: { '/api': process.env.CSPLAYBOOKS_URL ?? 'http://127.0.0.1:5181' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
  },
});
