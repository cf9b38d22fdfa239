// The light/dark preference of the operating system (prefers-color-scheme), as a value the
// store can read and watch: the theme follows it until the person picks one in the header.
import { constantValue, createValue, type ReadableValue } from '../api/observable';
import type { ThemeName } from './tokens';

type MediaQueryLike = Pick<MediaQueryList, 'matches' | 'addEventListener'>;

export function systemTheme(matchMedia: ((query: string) => MediaQueryLike) | undefined): ReadableValue<ThemeName> {
  if (!matchMedia) return constantValue('dark');
  let query: MediaQueryLike;
  try {
    query = matchMedia('(prefers-color-scheme: light)');
  } catch {
    return constantValue('dark');
  }
  const value = createValue<ThemeName>(query.matches ? 'light' : 'dark');
  query.addEventListener('change', (e) => value.set(e.matches ? 'light' : 'dark'));
  return value;
}
