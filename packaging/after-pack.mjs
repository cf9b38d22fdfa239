// electron-builder's afterPack hook: flips the fuses (packaging/fuses.mjs) after the app is
// packed and before it is signed, so the signature covers the flipped binary.
import { flipOpsDeckFuses, packedBinaryPath } from './fuses.mjs';

// electron-builder's Arch enum: 3 = arm64, 4 = universal (both slices are flipped).
const ARM64_ARCHES = new Set([3, 4]);

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const name = platform === 'linux' ? context.packager.executableName : context.packager.appInfo.productFilename;
  await flipOpsDeckFuses(packedBinaryPath(context.appOutDir, platform, name), { platform, arm64: ARM64_ARCHES.has(context.arch) });
}
