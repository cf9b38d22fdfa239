// Arguments for the inventory methods in the serve bridge's "every method answers" test. They
// run in contract order: the host saved first is the one trusted and deleted later. The host is
// disabled and the test connection targets a closed port, so nothing waits on a network.
const HOST = {
  id: 'bridge-host',
  name: 'Bridge test host',
  address: '127.0.0.1',
  port: 1,
  user: 'ops',
  auth: { method: 'agent' },
  enabled: false,
};

export const INVENTORY_ARGS: Record<string, unknown> = {
  saveHost: HOST,
  setHostEnabled: { hostId: HOST.id, enabled: false },
  testConnection: { host: { ...HOST, id: undefined, auth: { method: 'password', password: 'bridge-test-password' } } },
  trustHostKey: { hostId: HOST.id, fingerprint: `SHA256:${'A'.repeat(43)}` },
  deleteHost: { hostId: HOST.id },
  saveService: { id: 'bridge-service', name: 'Bridge test service', hostIds: [] },
  deleteService: { serviceId: 'bridge-service' },
  previewSshConfigImport: { text: 'Host bridge-web\n  HostName 192.0.2.10\n  User ops\n' },
  applySshConfigImport: { entries: [{ alias: 'bridge-import', address: '192.0.2.10', port: 22, user: 'ops', keyPath: null, jumpHost: null }] },
};
