import { describe, expect, it } from 'vitest';
import { matchService } from '../../../../src/renderer/src/features/incidents/service-match';

const catalog = [
  { id: 'svc-pay', name: '결제 서비스', owner: '김운영', contact: '010-0000-0000', hostIds: [] },
  { id: 'svc-web', name: 'Web Shop', owner: 'Lee', contact: '#web-oncall', hostIds: [] },
];

describe('service contacts in the incident room', () => {
  it('finds a service by its catalog id or by its name, ignoring case and spaces', () => {
    expect(matchService(catalog, 'svc-pay')?.owner).toBe('김운영');
    expect(matchService(catalog, ' web shop ')?.contact).toBe('#web-oncall');
    expect(matchService(catalog, '결제 서비스')?.id).toBe('svc-pay');
  });
  it('a service the catalog does not know has no contact (the room says where to add it)', () => {
    expect(matchService(catalog, 'search')).toBeNull();
    expect(matchService([], 'svc-pay')).toBeNull();
  });
});
