import { describe, expect, it } from 'vitest';
import { postgresKind } from '../../../../src/main/engine/collectors/postgres';
import { checkInputFromDraft, draftFromCheck, emptyCheckDraft, missingFields } from '../../../../src/renderer/src/features/checks/check-form-model';
import { treeOrder } from '../../../../src/renderer/src/features/checks/check-tree';

const descriptor = postgresKind.descriptor;

describe('the add-database form', () => {
  it('sends what the person typed as the kind expects it, with the kind defaults for empty optional fields', () => {
    const draft = emptyCheckDraft(descriptor);
    draft.name = ' 주문 DB ';
    draft.fields = { ...draft.fields, via: 'h-1', port: '5432', database: 'shop', user: 'opsdeck', caFile: '' };
    draft.password = 'pw';
    const input = checkInputFromDraft(draft, descriptor);
    expect(input).toEqual({ kind: 'postgres', name: '주문 DB', enabled: true, config: { via: 'h-1', address: '127.0.0.1', port: 5432, database: 'shop', user: 'opsdeck', tls: 'off' }, secret: 'pw' });
    // What the form sends is what the engine's schema accepts.
    expect(postgresKind.configSchema.safeParse(input.config).success).toBe(true);
  });

  it('direct connections send via null, and an unchanged password is not sent at all', () => {
    const draft = draftFromCheck(
      { id: 'c-1', kind: 'postgres', name: 'db', enabled: true, intervalMs: 10_000, parentId: null, config: { via: null, address: 'db.internal', port: 5432, database: 'postgres', user: 'mon', tls: 'verify', caFile: null }, hasSecret: true, createdAt: 0, updatedAt: 0 },
      descriptor,
    );
    const input = checkInputFromDraft(draft, descriptor);
    expect(input.config.via).toBeNull();
    expect(input.id).toBe('c-1');
    expect('secret' in input).toBe(false);
  });

  it('names every empty required field', () => {
    const draft = emptyCheckDraft(descriptor);
    draft.fields.port = '';
    expect(missingFields(draft, descriptor)).toEqual(['name', 'port', 'user']);
  });
});

describe('lock chains as a tree', () => {
  it('puts each waiter under the session it waits for, and shows a cycle flat instead of losing it', () => {
    const rows = [
      { pid: 3, blockedBy: 2 },
      { pid: 1, blockedBy: null },
      { pid: 2, blockedBy: 1 },
      { pid: 8, blockedBy: 9 },
      { pid: 9, blockedBy: 8 },
    ];
    expect(treeOrder(rows, 'pid', 'blockedBy').map(({ row, depth }) => [row.pid, depth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [8, 0],
      [9, 1],
    ]);
  });
});
