import { describe, expect, it } from 'vitest';
import { BOOT_DATA_ELEMENT_ID, bootDataElement, parseBootData, type BootData } from '../../../src/shared/boot-data';

const data: BootData = {
  appInfo: { version: '0.1.0', host: 'serve', platform: 'linux', osLocale: 'ko-KR', dataDir: '/data' },
  overview: [{ target: { id: 'local', name: '</script><script>alert(1)</script>', kind: 'local', intervalMs: 2_000, enabled: true }, snapshot: null, status: 'unknown', sparklines: {} }],
};

const contents = (element: string) => element.slice(element.indexOf('>') + 1, element.lastIndexOf('</script>'));

describe('the first data inside the page', () => {
  it('is a JSON data block that no value inside can close', () => {
    const element = bootDataElement(data);
    expect(element.startsWith(`<script type="application/json" id="${BOOT_DATA_ELEMENT_ID}">`)).toBe(true);
    expect(contents(element)).not.toContain('<');
    expect(parseBootData(contents(element))).toEqual(data);
  });

  it('is ignored when missing, unreadable or of another shape', () => {
    for (const text of [null, undefined, '', 'not json', '[]', '{"appInfo":{},"overview":[]}', '{"appInfo":{"osLocale":"ko"},"overview":[{}]}']) {
      expect(parseBootData(text), String(text)).toBeNull();
    }
  });
});
