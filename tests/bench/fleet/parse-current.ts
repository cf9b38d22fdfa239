// Today's fast-cadence parsers under the names the previous-implementation module uses.
export { splitCompositeSections, compositeMarkerPrefix } from '../../../src/main/engine/parsers/composite-sections';
export { parseDiskstats } from '../../../src/main/engine/parsers/diskstats';
export { parseLoadavg } from '../../../src/main/engine/parsers/loadavg';
export { parseMeminfo } from '../../../src/main/engine/parsers/meminfo';
export { parseNetDev } from '../../../src/main/engine/parsers/net-dev';
export { NO_PROC_BASELINES, procMetrics } from '../../../src/main/engine/parsers/proc-metrics';
export { parseProcStat } from '../../../src/main/engine/parsers/proc-stat';
export { parseUptime } from '../../../src/main/engine/parsers/uptime';
