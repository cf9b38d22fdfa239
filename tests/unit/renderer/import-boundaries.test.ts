// The renderer runs in a browser as well as in Electron: it may import only src/shared and UI
// packages, and only api/ may touch window.opsdeck or open a socket (ARCHITECTURE.md, Layout).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = resolve(__dirname, '../../../src/renderer/src');
const SHARED = resolve(__dirname, '../../../src/shared');
const UI_PACKAGES = ['react', 'react-dom', 'zustand', 'echarts', '@tanstack/react-virtual', 'es-hangul'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)].map(
    (m) => (m[1] ?? m[2] ?? m[3]) as string,
  );
}

const files = sourceFiles(RENDERER);

describe('renderer import boundaries', () => {
  it('finds the renderer sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(RENDERER, f), f]))('%s imports only the renderer, src/shared and UI packages', (_name, file) => {
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const inside = target.startsWith(RENDERER + '/') || target.startsWith(SHARED + '/');
        expect(inside, `${spec} leaves src/renderer and src/shared`).toBe(true);
      } else {
        const allowed = UI_PACKAGES.some((pkg) => spec === pkg || spec.startsWith(`${pkg}/`));
        expect(allowed, `${spec} is not a UI package`).toBe(true);
      }
    }
  });

  it('only api/ touches window.opsdeck or opens a WebSocket', () => {
    for (const file of files) {
      if (relative(RENDERER, file).startsWith('api/')) continue;
      // Strings are dropped first: channel names and storage keys also start with "opsdeck".
      const code = readFileSync(file, 'utf8').replace(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g, "''");
      expect(/\.\s*opsdeck\b/.test(code) || /\bWebSocket\b/.test(code), relative(RENDERER, file)).toBe(false);
    }
  });
});
