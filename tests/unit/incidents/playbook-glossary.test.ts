// The "?" next to a stage or a checklist item opens a glossary entry: each id must exist.
import { describe, expect, it } from 'vitest';
import terms from '../../../resources/glossary/terms.json';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';

describe('the default playbook and the glossary', () => {
  const ids = new Set((terms as Array<{ id: string }>).map((t) => t.id));

  it('every stage links to a glossary entry that exists', () => {
    for (const stage of DEFAULT_PLAYBOOK.stages) expect(ids.has(stage.glossaryId ?? ''), `${stage.id} -> ${stage.glossaryId}`).toBe(true);
  });

  it('every checklist item that names a glossary entry names one that exists', () => {
    const linked = DEFAULT_PLAYBOOK.stages.flatMap((s) => s.checklist).filter((i) => i.glossaryId);
    expect(linked.length).toBeGreaterThan(5);
    for (const item of linked) expect(ids.has(item.glossaryId!), `${item.id} -> ${item.glossaryId}`).toBe(true);
  });
});
