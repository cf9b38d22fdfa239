import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../../src/renderer/src/theme/contrast';
import { applyThemeTokens, cssVariables, THEMES, type Palette } from '../../../../src/renderer/src/theme/tokens';

const PALETTES = Object.keys(THEMES) as Palette[];
const STATUSES = ['ok', 'warn', 'crit', 'unknown'] as const;

describe('theme contrast (WCAG AA, 4.5:1 for text)', () => {
  it.each(PALETTES)('%s: every status colour is readable on its badge and on the page', (palette) => {
    const tokens = THEMES[palette];
    for (const status of STATUSES) {
      const { fg, bg } = tokens.status[status];
      expect(contrastRatio(fg, bg), `${status} on badge`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(fg, tokens.surface), `${status} on surface`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(fg, tokens.bg), `${status} on page`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each(PALETTES)('%s: body text is strongly readable and muted text still passes', (palette) => {
    const tokens = THEMES[palette];
    expect(contrastRatio(tokens.text, tokens.surface)).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(tokens.textMuted, tokens.surface)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(tokens.textMuted, tokens.surface2)).toBeGreaterThanOrEqual(4.5);
  });

  it('the wall is at least as contrasted as the dark theme', () => {
    expect(contrastRatio(THEMES.wall.text, THEMES.wall.surface)).toBeGreaterThanOrEqual(contrastRatio(THEMES.dark.text, THEMES.dark.surface));
  });

  it('computes known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });
});

describe('applyThemeTokens', () => {
  it('sets every CSS variable and names the palette on the root element', () => {
    const set = new Map<string, string>();
    const attributes = new Map<string, string>();
    applyThemeTokens({ style: { setProperty: (k, v) => void set.set(k, v) }, setAttribute: (k, v) => void attributes.set(k, v) }, 'light');
    expect(set.get('--status-crit-fg')).toBe(THEMES.light.status.crit.fg);
    expect(set.get('color-scheme')).toBe('light');
    expect(attributes.get('data-theme')).toBe('light');
    expect(Object.keys(cssVariables(THEMES.dark)).every((k) => set.has(k))).toBe(true);
  });
});
