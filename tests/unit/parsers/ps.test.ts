// The busiest processes of an SSH host, from ps.
import { describe, expect, it } from 'vitest';
import { parseProcessList, topProcesses } from '../../../src/main/engine/parsers/ps';

describe('ps', () => {
  it('reads ps lines whose command holds spaces, and ranks by CPU and by memory', () => {
    // Shape of `ps -eo pid=,pcpu=,pmem=,comm= --sort=-pcpu` (procps-ng 4.0.2, Debian 12).
    const ps = ['  812 12.5  1.0 Web Content', '    1  0.1  0.2 systemd', '  944  3.0 41.7 java', 'junk line', ' 77 x 1.0 bad'].join('\n');
    expect(parseProcessList(ps)).toHaveLength(3);
    const top = topProcesses(ps, 2)!;
    expect(top.byCpu.map((p) => p.command)).toEqual(['Web Content', 'java']);
    expect(top.byMemory.map((p) => p.pid)).toEqual([944, 812]);
    expect(topProcesses('')).toBeNull();
    expect(topProcesses(null)).toBeNull();
  });
});
