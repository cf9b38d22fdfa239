import type { sourcesKo } from './sources.ko';

export const sourcesEn: Record<keyof typeof sourcesKo, string> = {
  'source.panel.title': 'Data sources',
  'source.panel.intro': 'Hosts that Prometheus or Zabbix already watches, read from it instead of polled by OpsDeck. Each host becomes a tile, and its charts ask the source. The problems a source raises appear beside OpsDeck’s alerts; acknowledge them in the source.',
  'source.panel.add': 'Add a data source',
  'source.panel.loading': 'Loading data sources…',
  'source.panel.empty': 'No data sources yet. Connect Prometheus or Zabbix with "Add a data source".',
  'source.panel.noSecret': 'Token needed',
  'source.form.titleNew': 'Add a data source',
  'source.form.testing': 'Asking {source}…',
  'source.form.testOk': 'Answered in {ms} ms: {up} of {targets} scrape targets up, {hosts} hosts.',
  'source.error.refused': 'Connection refused at {address}. Check the address and the port, and that {source} runs.',
  'source.error.unreachable': '{address} cannot be reached ({reason}). Check the address and the network.',
  'source.error.auth': '{source} refused the credentials (HTTP {status}). Check the token, or the user and password.',
  'source.error.notPrometheus': 'That address answers (HTTP {status}) but not with the Prometheus API. Check the address, the port (usually 9090) and any path prefix.',
  'source.error.statusError': 'Prometheus answered over HTTP but reported a failure with `status: "error"` ({errorType}). Check the path prefix and the Prometheus server’s log.',
  'source.error.tls': 'The TLS connection failed ({reason}). For an internal CA, paste its certificate (PEM). Certificate checks are never turned off.',
  'source.error.timeout': '{source} did not answer within {seconds} s. Check the server’s load and the network.',
  'source.error.tooLarge': 'The answer from {source} is too large (limit {limit} bytes).',
  'source.error.secretMissing': 'A token or password is needed. Enter it and test again.',
  'host.source': 'Read from the {kind} source “{name}”. OpsDeck does not log in to this server; its numbers and charts come from {kind}.',
  'tile.source': 'From {kind} · {name}',
};
