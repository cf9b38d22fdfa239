// The engine pieces the HTTP-check benchmark runs, from source: run.mjs bundles this file once
// per run (vite, SSR build) so plain Node executes exactly today's code.
export { httpKind } from '../../../src/main/engine/collectors/http';
export { tcpKind } from '../../../src/main/engine/collectors/tcp';
export { rulesForKind } from '../../../src/main/engine/collectors/registry';
export { systemClock } from '../../../src/main/engine/core/clock';
export { nullLogger } from '../../../src/main/engine/core/logger';
export { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
export { buildSnapshot } from '../../../src/main/engine/target-monitor';
export { makeEndpointCerts } from '../../support/test-tls';
