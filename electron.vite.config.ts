import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles. main holds the Electron shell, the engine's utility-process entry and the
// headless CLI (bin/opsdeck.cjs loads out/main/cli.js), so one build serves both hosts.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // keytar is an optional native dependency: loaded at run time when present, never bundled.
        external: ['keytar'],
        input: {
          index: resolve(__dirname, 'src/main/app/index.ts'),
          'engine-host': resolve(__dirname, 'src/main/app/engine-host.ts'),
          cli: resolve(__dirname, 'src/main/serve/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // The same bundle is served to browsers over the network by `serve`: keep it small.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
