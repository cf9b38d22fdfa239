// The engine pieces the fleet benchmark runs, from source. run.mjs bundles this file once per
// run (vite, SSR build) so the plain-Node bench processes execute exactly today's code.
export { historyKeysOf } from '../../../src/main/engine/collectors/registry';
export { createSshCollector } from '../../../src/main/engine/collectors/ssh-host';
export { systemClock } from '../../../src/main/engine/core/clock';
export { nullLogger } from '../../../src/main/engine/core/logger';
export { Scheduler } from '../../../src/main/engine/core/scheduler';
export { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
export { openStore } from '../../../src/main/engine/store';
export { snapshotSeriesValues, TargetMonitor } from '../../../src/main/engine/target-monitor';
export { compositeMarkerPrefix, findCompositeEnd } from '../../../src/main/engine/parsers/composite-sections';
export { buildCompositeScript, buildResidentRequest, FAST_SECTIONS, RESIDENT_READY, residentBootstrap, SHELL_PRELUDE, SLOW_SECTIONS } from '../../../src/main/engine/transport/composite-script';
export { HandshakeLimiter } from '../../../src/main/engine/transport/handshake-limiter';
export { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
export { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
export { startSshd } from '../../support/sshd';
