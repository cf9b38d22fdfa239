import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { withCspMetaTag } from './src/shared/csp';

/**
 * A gzip copy next to each script and style sheet (`x.js.gz`), for `serve` to send browsers that
 * accept it: a third of the bytes on a network, and measurably faster even on loopback. Made
 * once at build time, so serving costs nothing; Electron loads the plain files.
 */
function gzipCopies(): Plugin {
  return {
    name: 'opsdeck-gzip-copies',
    apply: 'build',
    // After writing: only then is every file in its final form (Vite rewrites some late).
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const file = resolve(options.dir!, fileName);
        const source = readFileSync(file);
        if (source.length >= 1024) writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

/** Writes the one CSP (src/shared/csp.ts) into index.html, in dev and in the build. */
function cspMetaTag(): Plugin {
  return { name: 'opsdeck-csp-meta', transformIndexHtml: { order: 'pre', handler: (html) => withCspMetaTag(html) } };
}

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
    plugins: [cspMetaTag(), react(), gzipCopies()],
  },
});
