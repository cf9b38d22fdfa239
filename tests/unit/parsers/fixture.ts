// Reads a capture from tests/fixtures/proc (see the README there for where each came from).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_ROOT = fileURLToPath(new URL('../../fixtures/proc/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(`${FIXTURE_ROOT}${path}`, 'utf8');
}
