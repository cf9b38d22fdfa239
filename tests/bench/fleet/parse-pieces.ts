// The fast-cadence parsers of one SSH poll, today's and the previous implementation, for
// parse-cost.mjs (bundled once per run, so both sides run in the same process).
export * as current from './parse-current';
export * as previous from '../../unit/parsers/reference/previous-proc-parsers';
