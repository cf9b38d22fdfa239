// Every kind in the registry is complete for the screens: its series, charts, tables and the kind
// itself link to glossary entries that exist, charts and tiles name series the kind has, and
// every chart's series share one unit.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_SERIES_LABELS } from '../../../src/main/engine/collectors/host-descriptor';
import { KIND_REGISTRY } from '../../../src/main/engine/collectors/registry';
import { en } from '../../../src/renderer/src/i18n/messages/en';
import { ko } from '../../../src/renderer/src/i18n/messages/ko';

const glossaryIds = new Set((JSON.parse(fs.readFileSync(path.join(__dirname, '../../../resources/glossary/terms.json'), 'utf8')) as Array<{ id: string }>).map((e) => e.id));
const kinds = Object.values(KIND_REGISTRY);

describe('the kind registry', () => {
  it.each(kinds.map((k) => [k.descriptor.kind, k] as const))('%s links only to glossary entries that exist', (_name, kind) => {
    const d = kind.descriptor;
    const ids = [d.glossaryId, ...d.series.map((s) => s.glossaryId), ...d.charts.map((c) => c.glossaryId), ...d.tables.map((t) => t.glossaryId)];
    expect(ids.filter((id) => !glossaryIds.has(id))).toEqual([]);
  });

  it.each(kinds.map((k) => [k.descriptor.kind, k] as const))('%s charts and tiles only series it has, one unit per chart, both languages everywhere', (_name, kind) => {
    const d = kind.descriptor;
    const byKey = new Map(d.series.map((s) => [s.key, s]));
    for (const key of [...d.tile, ...d.charts.flatMap((c) => c.keys)]) expect(byKey.has(key), key).toBe(true);
    for (const chart of d.charts) expect(new Set(chart.keys.map((k) => byKey.get(k)!.unit)).size, chart.id).toBe(1);
    const texts = [d.name, ...d.series.map((s) => s.label), ...d.charts.map((c) => c.title), ...d.tables.flatMap((t) => [t.title, t.empty, ...t.columns.map((c) => c.label)]), ...d.facts.map((f) => f.label), ...d.form.map((f) => f.label)];
    for (const text of texts) {
      expect(text.ko.trim(), JSON.stringify(text)).not.toBe('');
      expect(text.en.trim(), JSON.stringify(text)).not.toBe('');
    }
    expect(d.tile.length).toBeLessThanOrEqual(4);
    for (const key of d.series.map((s) => s.key)) expect(key).toMatch(/^(fs\.used:|[a-z][a-z0-9]{1,15}(\.[A-Za-z0-9_-]{1,40}){1,4}$|[a-z]+$)/);
  });

  it('names host series with the same words as the renderer', () => {
    for (const [key, label] of Object.entries(HOST_SERIES_LABELS)) {
      expect(label.ko, key).toBe(ko[`metric.${key}` as keyof typeof ko]);
      expect(label.en, key).toBe(en[`metric.${key}` as keyof typeof en]);
    }
  });

  it('keeps a password only for kinds that say so, and names what makes it go elsewhere', () => {
    for (const kind of kinds) {
      if (kind.managedBy !== 'checks') continue;
      if (kind.secret) expect(kind.destinationFields.length, kind.kind).toBeGreaterThan(0);
    }
  });
});
