// The modules bench:sources runs, bundled by run.mjs with vite's SSR build (native modules stay external).
export { startServer } from '../../../src/main/serve/server';
export { createEngine } from '../../../src/main/engine/engine';
export { nullLogger } from '../../../src/main/engine/core/logger';
export { memorySecretStore } from '../../../src/main/engine/secrets';
export { startFakePrometheus } from '../../support/fake-prometheus';
