// Replaced at build time would be nicer; the package version is read once instead.
import pkg from '../../../package.json';

export const ENGINE_VERSION: string = pkg.version;
