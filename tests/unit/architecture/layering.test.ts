import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, findViolations, importsOf } from '../../support/layering';

const root = path.resolve(__dirname, '../../..');

describe('import layering (ARCHITECTURE.md)', () => {
  it('the source tree has no import that breaks a layer rule', () => {
    expect(findViolations(root)).toEqual([]);
  });

  it('flags electron imported into the engine, the headless host or shared code', () => {
    expect(checkImport('src/main/engine/engine.ts', 'electron')).toMatch(/electron/);
    expect(checkImport('src/main/serve/cli.ts', 'electron')).toMatch(/electron/);
    expect(checkImport('src/shared/api.ts', 'electron')).toMatch(/electron/);
    expect(checkImport('src/main/app/window.ts', 'electron')).toBeNull();
    expect(checkImport('src/preload/index.ts', 'electron')).toBeNull();
  });

  it('keeps parsers and rules pure', () => {
    expect(checkImport('src/main/engine/parsers/meminfo.ts', 'node:fs')).toMatch(/pure/);
    expect(checkImport('src/main/engine/rules/health.ts', '../store/db')).toMatch(/only src\/shared/);
    expect(checkImport('src/main/engine/parsers/meminfo.ts', '../../../shared/model')).toBeNull();
  });

  it('keeps the renderer on src/shared and UI packages', () => {
    expect(checkImport('src/renderer/src/app.tsx', 'node:fs')).toMatch(/renderer/);
    expect(checkImport('src/renderer/src/app.tsx', '../../main/engine/engine')).toMatch(/renderer/);
    expect(checkImport('src/renderer/src/app.tsx', 'ws')).toMatch(/renderer/);
    expect(checkImport('src/renderer/src/app.tsx', 'echarts/core')).toBeNull();
    expect(checkImport('src/renderer/src/app.tsx', '../../shared/model')).toBeNull();
  });

  it('confines native and transport modules to their folders', () => {
    expect(checkImport('src/main/engine/engine.ts', 'ssh2')).toMatch(/transport/);
    expect(checkImport('src/main/engine/engine.ts', 'better-sqlite3')).toMatch(/store/);
    expect(checkImport('src/main/engine/engine.ts', 'keytar')).toMatch(/secrets/);
    expect(checkImport('src/main/engine/store/db.ts', 'better-sqlite3')).toBeNull();
  });

  it('reads every import form: static, side-effect, dynamic, require and re-export', () => {
    const src = `import a from 'one';\nimport 'two';\nconst c = await import('three');\nconst d = require("four");\nexport { e } from './five';\nimport type { F } from "six";`;
    expect(importsOf(src).sort()).toEqual(['./five', 'four', 'one', 'six', 'three', 'two']);
  });
});
