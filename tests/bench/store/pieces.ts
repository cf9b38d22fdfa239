// The store pieces bench:store runs, from source (bundled once per run by run.mjs).
export { FakeClock } from '../../../src/main/engine/core/clock';
export { nullLogger } from '../../../src/main/engine/core/logger';
export { openStore } from '../../../src/main/engine/store';
export { HISTORY_METRIC_KEYS } from '../../../src/shared/model';
