// The import rules of ARCHITECTURE.md as code: which folder may import what.
import fs from 'node:fs';
import path from 'node:path';

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

const UI_PACKAGES = ['react', 'react-dom', 'react/jsx-runtime', 'zustand', 'echarts', '@tanstack/react-virtual', 'es-hangul', 'zod'];

function pkgName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Returns the rule this import breaks, or null. `file` and the resolved target are repo-relative. */
export function checkImport(file: string, specifier: string): string | null {
  const rel = (p: string) => p.split(path.sep).join('/');
  const isRelative = specifier.startsWith('.');
  const target = isRelative ? rel(path.join(path.dirname(file), specifier)) : null;
  const pkg = isRelative ? null : pkgName(specifier);
  const inDir = (p: string | null, dir: string) => p !== null && (p === dir || p.startsWith(`${dir}/`));

  if (pkg === 'electron' && !inDir(file, 'src/main/app') && !inDir(file, 'src/preload')) return "only src/main/app and src/preload may import 'electron'";
  if (pkg === 'ssh2' && !inDir(file, 'src/main/engine/transport')) return "only src/main/engine/transport may import 'ssh2'";
  if (pkg === 'keytar' && !inDir(file, 'src/main/engine/secrets')) return "only src/main/engine/secrets may import 'keytar'";
  if (pkg === 'better-sqlite3' && !inDir(file, 'src/main/engine/store')) return "only src/main/engine/store may import 'better-sqlite3'";

  if (inDir(file, 'src/shared')) {
    if (target && !inDir(target, 'src/shared')) return 'src/shared imports nothing outside src/shared';
    if (pkg && pkg !== 'zod' && pkg !== 'es-hangul') return `src/shared may not import '${pkg}' (plain data and pure code only)`;
  }
  if (inDir(file, 'src/main/engine/parsers') || inDir(file, 'src/main/engine/rules')) {
    if (pkg) return `parsers and rules are pure: no '${pkg}'`;
    const own = inDir(file, 'src/main/engine/parsers') ? 'src/main/engine/parsers' : 'src/main/engine/rules';
    if (target && !inDir(target, 'src/shared') && !inDir(target, own) && !target.startsWith('resources/')) return 'parsers and rules see only src/shared';
  }
  if (inDir(file, 'src/main/engine')) {
    if (target && (inDir(target, 'src/main/serve') || inDir(target, 'src/main/app') || inDir(target, 'src/renderer') || inDir(target, 'src/preload')))
      return 'the engine may not import its hosts or the renderer';
  }
  if (inDir(file, 'src/main/serve') && target && (inDir(target, 'src/main/app') || inDir(target, 'src/renderer') || inDir(target, 'src/preload')))
    return 'the headless host may not import the Electron shell or the renderer';
  if (inDir(file, 'src/renderer')) {
    if (target && !inDir(target, 'src/renderer') && !inDir(target, 'src/shared') && !target.startsWith('resources/')) return 'the renderer sees only src/shared';
    if (pkg && !UI_PACKAGES.includes(pkg) && !pkg.startsWith('echarts/')) return `the renderer may not import '${pkg}'`;
  }
  if (inDir(file, 'src/preload')) {
    if (target && !inDir(target, 'src/shared') && !inDir(target, 'src/preload')) return 'the preload sees only src/shared';
    if (pkg && pkg !== 'electron') return `the preload may not import '${pkg}'`;
  }
  return null;
}

export function listSourceFiles(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
      const p = `${d}/${entry.name}`;
      if (entry.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function findViolations(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of listSourceFiles(root)) {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    for (const specifier of importsOf(source)) {
      const rule = checkImport(file, specifier);
      if (rule) violations.push({ file, specifier, rule });
    }
  }
  return violations;
}
