import { describe, expect, it } from 'vitest';
import { countsTowardHostTraffic, parseNetDev } from '../../../src/main/engine/parsers/net-dev';
import { fixture } from './fixture';

describe('parseNetDev', () => {
  it('reads every interface except loopback', () => {
    const interfaces = parseNetDev(fixture('debian12-kernel6.18-vm/net/dev'));
    expect(interfaces?.map((i) => i.name)).toEqual(['ifb0', 'ifb1', 'eth0']);
    expect(interfaces?.[2]).toEqual({
      name: 'eth0', rxBytes: 450635688, rxPackets: 13931, rxErrors: 0, rxDropped: 0, txBytes: 726586, txPackets: 6975, txErrors: 0, txDropped: 0,
    });
  });

  it('reads a byte counter glued to the colon, as old kernels print it', () => {
    const eth0 = parseNetDev(fixture('rhel5-kernel2.6.18/net/dev'))?.find((i) => i.name === 'eth0');
    expect(eth0).toMatchObject({ rxBytes: 3163289874, rxPackets: 23675935, txBytes: 2937914346 });
  });

  it('reads interface names longer than the header column', () => {
    const wifi = parseNetDev(fixture('ubuntu22.04-laptop-kernel5.15/net/dev'))?.find((i) => i.name === 'wlp0s20f3');
    expect(wifi).toMatchObject({ rxBytes: 9847166270, rxDropped: 211, txBytes: 1181542113 });
  });

  it('returns an empty list when only loopback exists, and null for text without interfaces', () => {
    expect(parseNetDev('    lo: 1 2 0 0 0 0 0 0 1 2 0 0 0 0 0 0\n')).toEqual([]);
    expect(parseNetDev('Inter-|   Receive\n face |bytes\n')).toBeNull();
    expect(parseNetDev('eth0: 1 2 3\n')).toBeNull();
  });
});

describe('countsTowardHostTraffic', () => {
  it('counts physical and wireless uplinks but not container and VM plumbing', () => {
    const names = ['eth0', 'ens5', 'wlp0s20f3', 'bond0', 'lo', 'docker0', 'veth3c2f1a9', 'br-1f2e3d', 'virbr0', 'cni0', 'flannel.1', 'cali12ab', 'ifb0', 'vnet3'];
    expect(names.filter(countsTowardHostTraffic)).toEqual(['eth0', 'ens5', 'wlp0s20f3', 'bond0']);
  });
});
