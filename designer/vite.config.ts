import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves the built designer at / and itself at /api, so dev proxies /api to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': process.env.LEDGERFLOW_API ?? 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
});
