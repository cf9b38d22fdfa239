// Debian's Chromium driven by playwright-core (never a downloaded browser).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from './serve-process';

export const CHROMIUM = process.env.OPSDECK_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = path.join(repoRoot, '.test-artifacts', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export function shot(name: string): string {
  return path.join(screenshotDir, `${name}.png`);
}
