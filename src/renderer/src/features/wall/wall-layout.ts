// Pure: how to lay N tiles on a wall screen so all of them fit without scrolling and the text
// is as large as possible. A tile's content is sized in em, so the font size scales the tile.

/** A wall tile's size in em at its natural layout (name, reasons, one row of five readings). */
export const WALL_TILE_EM = { width: 30, height: 15, gap: 0.8 } as const;

export interface WallLayout {
  columns: number;
  fontPx: number;
}

export function wallLayout(count: number, widthPx: number, heightPx: number, minFontPx = 11, maxFontPx = 36): WallLayout {
  if (count <= 0 || widthPx <= 0 || heightPx <= 0) return { columns: 1, fontPx: maxFontPx };
  let best: WallLayout = { columns: 1, fontPx: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const byWidth = widthPx / (columns * (WALL_TILE_EM.width + WALL_TILE_EM.gap));
    const byHeight = heightPx / (rows * (WALL_TILE_EM.height + WALL_TILE_EM.gap));
    const fontPx = Math.min(byWidth, byHeight);
    if (fontPx > best.fontPx) best = { columns, fontPx };
  }
  // Below the minimum the wall scrolls rather than becoming unreadable.
  return { columns: best.columns, fontPx: Math.floor(Math.min(maxFontPx, Math.max(minFontPx, best.fontPx))) };
}
