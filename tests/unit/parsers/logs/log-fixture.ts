// Reads a capture from tests/fixtures/logs (see the README there for where each came from).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../fixtures/logs/', import.meta.url));

export function logFixture(name: string): string {
  return readFileSync(`${ROOT}${name}`, 'utf8');
}

export function logLines(name: string): string[] {
  return logFixture(name).replace(/\n$/, '').split('\n');
}
