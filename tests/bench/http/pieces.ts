// The engine pieces the HTTP-check benchmark runs, from source: run.mjs bundles this file once
// per run (vite, SSR build) so plain Node executes exactly today's code.
export { httpKind } from '../../../src/main/engine/collectors/http';
export { runHttpCheck } from '../../../src/main/engine/collectors/http-check';
export { collectResultOf } from '../../../src/main/engine/collectors/endpoint-common';
export { FRESH_CONNECTION_EVERY_MS } from '../../../src/main/engine/transport/kept-connection';
export { tcpKind } from '../../../src/main/engine/collectors/tcp';
export { rulesForKind } from '../../../src/main/engine/collectors/registry';
export { systemClock } from '../../../src/main/engine/core/clock';
export { nullLogger } from '../../../src/main/engine/core/logger';
export { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
export { buildSnapshot } from '../../../src/main/engine/target-monitor';
export { makeEndpointCerts } from '../../support/test-tls';
