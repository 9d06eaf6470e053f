import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The host serves the built designer from its wwwroot; `npm run dev` proxies /api to a running host.
export default defineConfig({
  plugins: [react()],
  resolve: {
    // echarts-for-react imports tslib without declaring it; npm installs tslib only inside echarts (its exact 2.3.0), so
    // the build resolves it there instead of failing. Remove once tslib is a dependency of the designer.
    alias: { tslib: fileURLToPath(new URL('./node_modules/echarts/node_modules/tslib/tslib.es6.js', import.meta.url)) },
  },
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
  },
});
