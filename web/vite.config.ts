import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * One build for every org: nothing org-specific is baked in. The node API URL comes from /config.json at
 * run time (server/serve.ts writes it); the dev server answers it from VITE_SCF_NODE_API_URL instead.
 * The dev server listens where the core org's node API expects its portal (SCF_PORTAL_ORIGIN), so CORS
 * lets it in without a proxy.
 */
export default defineConfig({
  root: webRoot,
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: 7007, strictPort: true },
  preview: { host: '127.0.0.1', port: 7007 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
