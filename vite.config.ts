import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The renderer: served by the hub over http (never file://, PITFALLS.md). `assets/` is the
// public dir, so geo data and styles land next to the bundle; bundles go to `bundle/`.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: '../assets',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    assetsDir: 'bundle',
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        // maplibre and deck.gl are ≈ 2 MB before app code: keep them in their own chunks.
        manualChunks(id: string) {
          if (id.includes('node_modules/maplibre-gl')) return 'maplibre';
          if (id.includes('node_modules/@deck.gl') || id.includes('node_modules/@luma.gl') || id.includes('node_modules/@math.gl')) return 'deckgl';
          if (id.includes('node_modules/react')) return 'react';
          return undefined;
        },
      },
    },
  },
  worker: { format: 'es' },
});
