// Colour tokens: the single source for CSS variables (applied by applyThemeTokens) and for
// chart colours, which echarts needs as values. Status colours are checked for contrast by a
// unit test; every status is also shown with a shape and a word, never by colour alone.
import type { HealthStatus } from '../../../shared/model';

export type ThemeName = 'dark' | 'light';
/** The wall is always dark, with brighter status colours for a screen across the room. */
export type Palette = ThemeName | 'wall';

export const THEME_NAMES: readonly ThemeName[] = ['dark', 'light'];

export interface StatusColours {
  /** Text and shape colour. */
  fg: string;
  /** Badge and tile tint. */
  bg: string;
  border: string;
}

export interface ThemeTokens {
  colorScheme: 'dark' | 'light';
  bg: string;
  surface: string;
  surface2: string;
  border: string;
  text: string;
  textMuted: string;
  accent: string;
  focus: string;
  status: Record<HealthStatus, StatusColours>;
  chart: { series: readonly string[]; grid: string; axis: string; tooltipBg: string; tooltipText: string };
}

const DARK_SERIES = ['#58a6ff', '#f0883e', '#bc8cff', '#3fb950', '#ff7b72', '#39c5cf', '#e3b341', '#db61a2'];

export const THEMES: Record<Palette, ThemeTokens> = {
  dark: {
    colorScheme: 'dark',
    bg: '#0d1117',
    surface: '#161b22',
    surface2: '#1f2630',
    border: '#30363d',
    text: '#e6edf3',
    textMuted: '#9ba7b4',
    accent: '#58a6ff',
    focus: '#79c0ff',
    status: {
      ok: { fg: '#56d364', bg: '#0f2a18', border: '#2ea043' },
      warn: { fg: '#e3b341', bg: '#2e2410', border: '#bb8009' },
      crit: { fg: '#ff7b72', bg: '#3a1214', border: '#f85149' },
      unknown: { fg: '#b1bac4', bg: '#262c36', border: '#6e7681' },
    },
    chart: { series: DARK_SERIES, grid: '#262c36', axis: '#9ba7b4', tooltipBg: '#1f2630', tooltipText: '#e6edf3' },
  },
  light: {
    colorScheme: 'light',
    bg: '#f4f6f8',
    surface: '#ffffff',
    surface2: '#eef1f4',
    border: '#d0d7de',
    text: '#1f2328',
    textMuted: '#59636e',
    accent: '#0969da',
    focus: '#0969da',
    status: {
      ok: { fg: '#116329', bg: '#dafbe1', border: '#1a7f37' },
      warn: { fg: '#7d4e00', bg: '#fff1c5', border: '#bf8700' },
      crit: { fg: '#a40e26', bg: '#ffebe9', border: '#cf222e' },
      unknown: { fg: '#424a53', bg: '#eaeef2', border: '#6e7781' },
    },
    chart: {
      series: ['#0969da', '#bc4c00', '#8250df', '#1a7f37', '#cf222e', '#1b7c83', '#9a6700', '#bf3989'],
      grid: '#e4e8ec',
      axis: '#59636e',
      tooltipBg: '#ffffff',
      tooltipText: '#1f2328',
    },
  },
  wall: {
    colorScheme: 'dark',
    bg: '#000000',
    surface: '#0b0e13',
    surface2: '#151a21',
    border: '#3d444d',
    text: '#ffffff',
    textMuted: '#c9d1d9',
    accent: '#79c0ff',
    focus: '#79c0ff',
    status: {
      ok: { fg: '#7ee787', bg: '#0b2e15', border: '#3fb950' },
      warn: { fg: '#f2cc60', bg: '#3a2a06', border: '#d29922' },
      crit: { fg: '#ffa198', bg: '#4a0f12', border: '#ff6a5f' },
      unknown: { fg: '#d0d7de', bg: '#21262d', border: '#8b949e' },
    },
    chart: { series: DARK_SERIES, grid: '#21262d', axis: '#c9d1d9', tooltipBg: '#151a21', tooltipText: '#ffffff' },
  },
};

/** CSS custom properties for a palette, e.g. --surface, --status-crit-fg, --chart-1. */
export function cssVariables(tokens: ThemeTokens): Record<string, string> {
  const vars: Record<string, string> = {
    '--bg': tokens.bg,
    '--surface': tokens.surface,
    '--surface-2': tokens.surface2,
    '--border': tokens.border,
    '--text': tokens.text,
    '--text-muted': tokens.textMuted,
    '--accent': tokens.accent,
    '--focus': tokens.focus,
    '--chart-grid': tokens.chart.grid,
  };
  for (const [status, colours] of Object.entries(tokens.status)) {
    vars[`--status-${status}-fg`] = colours.fg;
    vars[`--status-${status}-bg`] = colours.bg;
    vars[`--status-${status}-border`] = colours.border;
  }
  tokens.chart.series.forEach((colour, i) => {
    vars[`--chart-${i + 1}`] = colour;
  });
  return vars;
}

export interface StyleTarget {
  style: { setProperty(name: string, value: string): void };
  setAttribute(name: string, value: string): void;
}

export function applyThemeTokens(root: StyleTarget, palette: Palette): void {
  const tokens = THEMES[palette];
  for (const [name, value] of Object.entries(cssVariables(tokens))) root.style.setProperty(name, value);
  root.style.setProperty('color-scheme', tokens.colorScheme);
  root.setAttribute('data-theme', palette);
}

export function isThemeName(value: unknown): value is ThemeName {
  return value === 'dark' || value === 'light';
}
