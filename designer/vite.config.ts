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
    rolldownOptions: {
      // flow-model and these libraries run nothing at import time that the designer relies on; declaring them
      // side-effect free lets unused parts (holiday calendars, rules engine) drop out of the canvas chunks.
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/packages[\\/]flow-model[\\/]src|node_modules[\\/].*(date-holidays|astronomia|caldate|date-bengali|date-chinese|date-easter|jsonata|json-rules-engine)/.test(
            id,
          ),
      },
      output: {
        // Heavy runtime libraries of flow-model get their own chunks so that only the code paths that
        // really use them (validation, previews, wait dates) download them, after the canvas is up.
        codeSplitting: {
          groups: [
            {
              name: 'holidays',
              test: /node_modules[\\/].*(date-holidays|astronomia|date-bengali|date-chinese|date-easter|caldate|moment-timezone)/,
            },
            { name: 'jsonata', test: /node_modules[\\/].*jsonata/ },
            { name: 'react', test: /node_modules[\\/].*(react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
});
