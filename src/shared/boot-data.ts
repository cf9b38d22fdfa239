// The first data of a page served by `opsdeck serve`: the app info and the overview, sent inside
// index.html as a JSON data block, so the first screen shows numbers without waiting for the
// socket. A data block (type="application/json") is never executed, so the CSP still allows
// scripts from 'self' only. The same answers then arrive over the socket as usual.
import type { AppInfo, OverviewTile } from './model';

export const BOOT_DATA_ELEMENT_ID = 'opsdeck-boot';

export interface BootData {
  appInfo: AppInfo;
  overview: OverviewTile[];
}

/** The data block's element. `<` is escaped so no text in the data can close the element. */
export function bootDataElement(data: BootData): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${BOOT_DATA_ELEMENT_ID}">${json}</script>`;
}

/** The data block's contents, or null when it is missing or not of this shape. */
export function parseBootData(text: string | null | undefined): BootData | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { appInfo, overview } = data as Partial<BootData>;
  if (typeof appInfo !== 'object' || appInfo === null || typeof appInfo.osLocale !== 'string') return null;
  if (!Array.isArray(overview) || !overview.every((tile) => typeof tile?.target?.id === 'string')) return null;
  return { appInfo, overview };
}
