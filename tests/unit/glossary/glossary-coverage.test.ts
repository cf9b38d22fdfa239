// Every term the UI links to has a glossary entry: metrics, statuses, reasons, chart titles,
// fixed labels, literal ids in the renderer, and the playbook's stage and checklist terms. A new
// metric or playbook item without an entry fails here, not in front of a planner.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/glossary/terms.json';
import { LABEL_GLOSSARY_IDS, REASON_GLOSSARY_IDS, STATUS_GLOSSARY_IDS } from '../../../src/renderer/src/domain/glossary-links';
import { HOST_CHARTS } from '../../../src/renderer/src/domain/host-charts';
import { parseGlossary } from '../../../src/shared/glossary';
import { METRICS, STATUS_SEVERITY } from '../../../src/shared/model';

const root = path.resolve(__dirname, '../../..');
const ids = new Set(parseGlossary(raw).map((e) => e.id));
const PLAYBOOK = path.join(root, 'resources/playbook/default-playbook.json');

const missing = (wanted: Iterable<readonly [string, string]>) => [...wanted].filter(([, id]) => !ids.has(id)).map(([where, id]) => `${where} → ${id}`);

/** Every `glossaryId` anywhere in a JSON document, with where it was found. */
function glossaryIdsIn(value: unknown, at = '$'): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => glossaryIdsIn(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (key === 'glossaryId') return [[at, String(v)] as [string, string]];
    const where = typeof (value as { id?: unknown }).id === 'string' ? `${at}(${(value as { id: string }).id}).${key}` : `${at}.${key}`;
    return glossaryIdsIn(v, where);
  });
}

function rendererFiles(dir = path.join(root, 'src/renderer/src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return rendererFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('glossary coverage', () => {
  it('every metric in METRICS links to an entry', () => {
    expect(missing(METRICS.map((m) => [m.key, m.glossaryId] as const))).toEqual([]);
  });

  it('every status has an entry, and every status is mapped', () => {
    expect(Object.keys(STATUS_GLOSSARY_IDS).sort()).toEqual(Object.keys(STATUS_SEVERITY).sort());
    expect(missing(Object.entries(STATUS_GLOSSARY_IDS))).toEqual([]);
  });

  it('every health reason and fixed label links to an entry', () => {
    expect(missing(Object.entries(REASON_GLOSSARY_IDS))).toEqual([]);
    expect(missing(Object.entries(LABEL_GLOSSARY_IDS))).toEqual([]);
  });

  it('every chart title on the host page links to an entry', () => {
    expect(missing(HOST_CHARTS.map((c) => [`chart ${c.name}`, c.glossaryId] as const))).toEqual([]);
  });

  it('every literal glossary id written in the renderer exists', () => {
    const literal = /glossaryId=(?:"([^"]+)"|\{'([^']+)'\})/g;
    const found: Array<[string, string]> = rendererFiles().flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(literal)].map((m) => [path.relative(root, file), (m[1] ?? m[2])!] as [string, string]),
    );
    expect(missing(found)).toEqual([]);
  });

  it.skipIf(!fs.existsSync(PLAYBOOK))('every playbook stage and checklist term links to an entry', () => {
    const playbook = JSON.parse(fs.readFileSync(PLAYBOOK, 'utf8')) as unknown;
    const wanted = glossaryIdsIn(playbook);
    expect(wanted.length).toBeGreaterThan(0);
    expect(missing(wanted)).toEqual([]);
  });
});
