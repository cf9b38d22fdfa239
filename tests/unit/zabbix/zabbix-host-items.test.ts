// Zabbix's "Linux by Zabbix agent" template items (keys, units and value types as Zabbix 6.0's
// data.sql ships them, after discovery filled {#FSNAME}/{#IFNAME}/{#DEVNAME}) onto OpsDeck's host
// readings: the same names and units an SSH host yields; what Zabbix never received stays null.
import { describe, expect, it } from 'vitest';
import { agentUnavailable, parseItemKey, zabbixHostAliases, zabbixHostItems, type ZabbixItemValue } from '../../../src/main/engine/parsers/zabbix-host-items';

const at = '1700000000';
const item = (key_: string, lastvalue: string, units = '', lastclock = at): ZabbixItemValue => ({ key_, lastvalue, units, lastclock });

const linuxTemplate: ZabbixItemValue[] = [
  item('system.cpu.util', '23.4', '%'),
  item('system.cpu.util[,iowait]', '1.5', '%'),
  item('system.cpu.util[,steal]', '0.2', '%'),
  item('system.cpu.util[,idle]', '76.6', '%'),
  item('system.cpu.num', '4'),
  item('system.cpu.load[all,avg1]', '2'),
  item('system.cpu.load[all,avg5]', '1.5'),
  item('system.cpu.load[all,avg15]', '1.25'),
  item('vm.memory.utilization', '61.25', '%'),
  item('vm.memory.size[total]', '8589934592', 'B'),
  item('vm.memory.size[available]', '3328599654', 'B'),
  item('vm.memory.size[pavailable]', '38.75', '%'),
  item('system.swap.size[,total]', '2147483648', 'B'),
  item('system.swap.size[,free]', '1610612736', 'B'),
  item('system.swap.size[,pfree]', '75', '%'),
  item('vfs.fs.size[/,total]', '100000000000', 'B'),
  item('vfs.fs.size[/,used]', '40000000000', 'B'),
  item('vfs.fs.size[/,pused]', '41.2', '%'),
  item('vfs.fs.size[/var,total]', '50000000000', 'B'),
  item('vfs.fs.size[/var,used]', '45000000000', 'B'),
  item('vfs.fs.size[/var,pused]', '90.5', '%'),
  item('net.if.in["eth0"]', '8000', 'bps'),
  item('net.if.out["eth0"]', '16000', 'bps'),
  item('net.if.in["eth1"]', '800', 'bps'),
  item('net.if.in["lo"]', '999999', 'bps'),
  item('net.if.in["docker0"]', '999999', 'bps'),
  item('net.if.in["eth0",errors]', '3'),
  item('vfs.dev.read.rate[sda]', '12', '!r/s'),
  item('vfs.dev.write.rate[sda]', '30', '!w/s'),
  item('vfs.dev.read.rate[sdb]', '3', '!r/s'),
  item('system.uptime', '86400', 'uptime'),
  item('system.hostname', 'web-01'),
  item('system.sw.os', 'Debian GNU/Linux 12 (bookworm)'),
  item('system.sw.arch', 'x86_64'),
  item('system.uname', 'Linux web-01 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64'),
];

describe('Zabbix template items as host readings', () => {
  it('maps the Linux template onto OpsDeck\'s metric names and units', () => {
    const r = zabbixHostItems(linuxTemplate);
    expect(r.metrics).toMatchObject({
      'cpu.usage': 23.4,
      'cpu.iowait': 1.5,
      'cpu.steal': 0.2,
      'cpu.cores': 4,
      'load.1': 2,
      'load.5': 1.5,
      'load.15': 1.25,
      'load.perCore': 0.5,
      'mem.used': 61.25,
      'mem.totalBytes': 8589934592,
      'mem.usedBytes': 8589934592 - 3328599654,
      'swap.used': 25,
      'swap.totalBytes': 2147483648,
      'swap.usedBytes': 536870912,
      // The fullest filesystem, as for SSH hosts.
      'disk.used': 90.5,
      // Bits per second in Zabbix, bytes here; loopback and bridges are not the host's traffic.
      'net.rxBps': 1100,
      'net.txBps': 2000,
      'disk.readIops': 15,
      'disk.writeIops': 30,
      'disk.readBps': null,
      uptime: 86400,
    });
    expect(r.filesystems).toEqual([
      { mount: '/', device: '', fsType: '', sizeBytes: 100000000000, usedBytes: 40000000000, usedPercent: 41.2 },
      { mount: '/var', device: '', fsType: '', sizeBytes: 50000000000, usedBytes: 45000000000, usedPercent: 90.5 },
    ]);
    expect(r.facts).toEqual({ hostname: 'web-01', os: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-18-amd64', arch: 'x86_64' });
    expect(r.lastClock).toBe(1_700_000_000_000);
  });

  it('keeps an item Zabbix never received null, not 0, and ignores text where a number belongs', () => {
    const r = zabbixHostItems([item('system.cpu.util', '0', '%', '0'), item('vm.memory.utilization', '', '%'), item('system.cpu.load[all,avg1]', 'n/a')]);
    expect(r.metrics['cpu.usage']).toBeNull();
    expect(r.metrics['mem.used']).toBeNull();
    expect(r.metrics['load.1']).toBeNull();
    expect(r.lastClock).toBe(1_700_000_000_000);
    expect(zabbixHostItems([]).lastClock).toBeNull();
  });

  it('derives memory use from available/total without the utilization item, and swap is null on a host without swap', () => {
    const r = zabbixHostItems([item('vm.memory.size[total]', '1000', 'B'), item('vm.memory.size[available]', '250', 'B'), item('system.swap.size[,total]', '0', 'B'), item('system.swap.size[,pfree]', '100', '%')]);
    expect(r.metrics['mem.used']).toBe(75);
    expect(r.metrics['mem.usedBytes']).toBe(750);
    expect(r.metrics['swap.used']).toBeNull();
    expect(r.metrics['load.perCore']).toBeNull();
  });

  it('does not take a raw byte counter (no unit) for a rate', () => {
    expect(zabbixHostItems([item('net.if.in[eth0]', '123456789')]).metrics['net.rxBps']).toBeNull();
    expect(zabbixHostItems([item('net.if.in[eth0,bytes]', '500', 'Bps')]).metrics['net.rxBps']).toBe(500);
  });

  it('splits item keys with quoted parameters', () => {
    expect(parseItemKey('net.if.in["eth0"]')).toEqual({ name: 'net.if.in', params: ['eth0'] });
    expect(parseItemKey('vfs.fs.size["/mnt/a,b",pused]')).toEqual({ name: 'vfs.fs.size', params: ['/mnt/a,b', 'pused'] });
    expect(parseItemKey('system.cpu.util[,iowait]')).toEqual({ name: 'system.cpu.util', params: ['', 'iowait'] });
    expect(parseItemKey('system.uptime')).toEqual({ name: 'system.uptime', params: [] });
  });
});

describe('Zabbix agent availability and names', () => {
  it('is DOWN only when every agent interface is unavailable, with Zabbix\'s error and address', () => {
    const down = { type: '1', main: '1', available: '2', error: 'Get value from agent failed: cannot connect to [[10.0.0.5]:10050]: [111] Connection refused', ip: '10.0.0.5', dns: '', useip: '1', port: '10050' };
    expect(agentUnavailable([down])).toEqual({ error: down.error, address: '10.0.0.5:10050' });
    expect(agentUnavailable([down, { ...down, main: '0', available: '1' }])).toBeNull();
    // Not polled yet (0) or an SNMP interface: no verdict on the agent.
    expect(agentUnavailable([{ ...down, available: '0' }])).toBeNull();
    expect(agentUnavailable([{ ...down, type: '2' }])).toBeNull();
    expect(agentUnavailable(undefined)).toBeNull();
  });

  it('knows a host by its technical name, visible name and interface addresses', () => {
    expect(zabbixHostAliases({ host: 'web-01', name: 'Web 01' }, [{ ip: '10.0.0.5', dns: 'web-01.example.com' }])).toEqual(['web-01', 'Web 01', '10.0.0.5', 'web-01.example.com']);
  });
});
