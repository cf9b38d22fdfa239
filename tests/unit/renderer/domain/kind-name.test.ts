import { describe, expect, it } from 'vitest';
import type { KindDescriptor } from '../../../../src/shared/checks';
import { kindName } from '../../../../src/renderer/src/domain/kinds';

describe('kindName', () => {
  const descriptor = { kind: 'zabbix', name: { ko: '자빅스', en: 'Zabbix' } } as unknown as KindDescriptor;

  it('names a described kind in the language asked for', () => {
    expect(kindName('ko', descriptor, 'zabbix')).toBe('자빅스');
    expect(kindName('en', descriptor, 'zabbix')).toBe('Zabbix');
  });

  it('falls back to the kind id when the engine has not described the kind yet', () => {
    expect(kindName('ko', undefined, 'prometheus')).toBe('prometheus');
  });
});
