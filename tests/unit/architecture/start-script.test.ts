// `npm start` is the README's first command: the build tool it runs must be where it looks.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

describe('npm start', () => {
  it('runs the installed electron-vite CLI by a path that exists', () => {
    const script = fs.readFileSync(path.join(root, 'scripts', 'start.mjs'), 'utf8');
    const parts = /path\.join\(root, ((?:'[^']+'(?:, )?)+)\)/.exec(script)?.[1];
    expect(parts).toBeTruthy();
    const rel = parts!.split(', ').map((p) => p.replace(/'/g, ''));
    expect(fs.existsSync(path.join(root, ...rel))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start).toBe('node scripts/start.mjs');
  });
});
