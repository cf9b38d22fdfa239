import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayText, terminalText } from '../../../src/shared/log-text';

describe('log text made inert', () => {
  it('drops colour codes and shows other control characters as symbols on screens', () => {
    expect(displayText('\u001b[1;31mERROR\u001b[0m disk full')).toBe('ERROR disk full');
    expect(displayText('title\u001b]0;owned\u0007 bell\u0007 nul\u0000')).toBe('title bell\u2407 nul\u2400');
    expect(displayText('<script>alert(1)</script>\ttab')).toBe('<script>alert(1)</script>\ttab');
  });

  it('leaves no control character but tab for a terminal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(terminalText(s))).toBe(false);
        expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(displayText(s))).toBe(false);
      }),
    );
  });
});
