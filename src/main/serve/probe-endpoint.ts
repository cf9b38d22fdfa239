// `opsdeck probe https://host/path`, `http://...` and `tcp://host:port`: one endpoint check with
// the same kind module the engine uses (verified TLS, the same DOWN/UNKNOWN rule, the same
// certificate days left). A failed check prints its report, then fails as `opsdeck: CODE: ...`.
import { isErrorCode, OpsError, type ErrorData } from '../../shared/errors';
import type { Snapshot, Target } from '../../shared/model';
import type { CheckKind, KindContext } from '../engine/collectors/check-kind';
import { kindModule, rulesForKind } from '../engine/collectors/registry';
import { systemClock } from '../engine/core/clock';
import { nullLogger } from '../engine/core/logger';
import { DEFAULT_RULES } from '../engine/rules/default-rules';
import { buildSnapshot, failedSnapshot } from '../engine/target-monitor';

export function isEndpointSpec(spec: string): boolean {
  return /^(https?|tcp):\/\//i.test(spec);
}

export interface EndpointProbeOptions {
  spec: string;
  caFile?: string;
  pin?: string;
  expectStatus?: string;
  keyword?: string;
  timeoutSeconds: number;
}

export interface EndpointProbeReport {
  target: Target;
  kind: 'http' | 'tcp';
  ok: boolean;
  status: Snapshot['status'];
  sampledAt: string;
  reasons: Snapshot['reasons'];
  facts: Snapshot['facts'];
  metrics: Record<string, { value: number | null; unit: string; status: string | null }>;
  notes: NonNullable<Snapshot['notes']>;
  /** What failed, as the console words it: code, English sentence, facts. Null when the check passed. */
  error: { code: string; message: string; data: ErrorData } | null;
}

const badTarget = (spec: string, why: string) => new OpsError('BAD_TARGET', `"${spec}" is not a usable endpoint: ${why}. Write it as https://host/path, http://host:port/path or tcp://host:port.`);

function configFor(opts: EndpointProbeOptions): { kind: 'http' | 'tcp'; config: Record<string, unknown> } {
  if (/^tcp:\/\//i.test(opts.spec)) {
    let url: URL;
    try {
      url = new URL(opts.spec);
    } catch {
      throw badTarget(opts.spec, 'it is not an address');
    }
    if (!url.hostname || !url.port) throw badTarget(opts.spec, 'a tcp:// address needs a host and a port');
    if (url.pathname !== '' && url.pathname !== '/') throw badTarget(opts.spec, 'a tcp:// address has no path');
    return { kind: 'tcp', config: { address: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port), timeoutSeconds: opts.timeoutSeconds } };
  }
  return {
    kind: 'http',
    config: {
      url: opts.spec,
      timeoutSeconds: opts.timeoutSeconds,
      ...(opts.caFile !== undefined ? { caFile: opts.caFile } : {}),
      ...(opts.pin !== undefined ? { pin: opts.pin } : {}),
      ...(opts.expectStatus !== undefined ? { expectStatus: opts.expectStatus } : {}),
      ...(opts.keyword !== undefined ? { keyword: opts.keyword } : {}),
    },
  };
}

const FLAG_OF: Record<string, string> = { caFile: '--ca', pin: '--pin', expectStatus: '--expect-status', keyword: '--keyword', timeoutSeconds: '--timeout' };

export async function probeEndpoint(opts: EndpointProbeOptions): Promise<EndpointProbeReport> {
  const { kind: kindName, config } = configFor(opts);
  const kind = kindModule(kindName) as unknown as CheckKind<Record<string, unknown>>;
  const parsed = kind.configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const where = FLAG_OF[field] ?? (field === 'url' || field === 'address' ? 'the address' : field);
    throw new OpsError(FLAG_OF[field] ? 'BAD_FLAG' : 'BAD_TARGET', `${where}: ${issue?.message ?? 'rejected'}.`);
  }
  const ctx: KindContext = {
    clock: systemClock,
    logger: nullLogger,
    secret: async () => null,
    openStream: () => Promise.reject(new OpsError('TUNNEL_FAILED', 'Endpoints are reached directly.')),
  };
  const target: Target = { id: `${kindName}:${opts.spec}`, name: opts.spec, kind: kindName, intervalMs: 30_000, enabled: true };
  const collector = kind.createCollector(parsed.data, ctx);
  let snapshot: Snapshot;
  let error: EndpointProbeReport['error'] = null;
  try {
    const result = await collector.collect();
    snapshot = buildSnapshot(target, result, rulesForKind(DEFAULT_RULES, kindName));
    if (result.down) error = { code: result.down.code, message: result.down.message, data: result.down.data ?? {} };
  } catch (err) {
    snapshot = failedSnapshot(target, null, err, Date.now());
    const reason = snapshot.reasons[0]!;
    error = reason.code === 'DOWN' || reason.code === 'COLLECT_FAILED' ? { code: reason.errorCode, message: reason.message, data: reason.data ?? {} } : null;
  } finally {
    await collector.close?.();
  }
  return {
    target,
    kind: kindName,
    ok: error === null,
    status: snapshot.status,
    sampledAt: new Date(snapshot.ts).toISOString(),
    reasons: snapshot.reasons,
    facts: snapshot.facts,
    metrics: Object.fromEntries(kind.descriptor.series.map((s) => [s.key, { value: snapshot.metrics[s.key] ?? null, unit: s.unit, status: snapshot.health[s.key]?.status ?? null }])),
    notes: snapshot.notes ?? [],
    error,
  };
}

const TLS_HINTS: Record<string, string> = {
  expired: 'it has expired; renew it on the server',
  notYetValid: 'it is not valid yet; check the server’s clock and the certificate’s start date',
  selfSigned: 'it is self-signed; if that is intended, trust it with --ca FILE (the certificate itself)',
  untrustedCa: 'no CA this check trusts signed it; for an internal CA, give its certificate with --ca FILE',
  wrongName: 'it is issued for other names',
  pinMismatch: 'no certificate of its chain carries the pinned key (--pin)',
  revoked: 'it has been revoked',
  handshake: 'the TLS handshake failed (is it really HTTPS on that port?)',
};

/** The line the command fails with: the engine's sentence, and for a refused certificate what to do. */
export function probeFailure(report: EndpointProbeReport): OpsError | null {
  if (!report.error) return null;
  const { code, message, data } = report.error;
  if (code !== 'TLS_FAILED') return new OpsError(isErrorCode(code) ? code : 'COLLECT_FAILED', message, data);
  const hint = TLS_HINTS[String(data.reason)] ?? 'it was refused';
  const when = data.notAfter ? ` (valid until ${String(data.notAfter).slice(0, 10)}${typeof data.daysLeft === 'number' ? `, ${Math.floor(data.daysLeft)} days left` : ''})` : '';
  const names = data.reason === 'wrongName' && data.names ? `: ${String(data.names)}` : '';
  return new OpsError(code, `The certificate of ${String(data.host)}:${String(data.port)} was refused: ${hint}${names}${when}.`, data);
}

/** The text form: status, what failed, the timings and the certificate. */
export function formatEndpointProbeText(report: EndpointProbeReport): string {
  const lines = [`${report.target.name} (${report.kind}) status ${report.status.toUpperCase()} at ${report.sampledAt}`];
  const days = report.metrics['tls.daysLeft']?.value ?? null;
  const expires = report.facts.certExpires;
  if (days !== null && expires) lines.push(`  certificate ${days < 0 ? `expired ${Math.ceil(-days)} days ago` : `expires in ${Math.floor(days)} days`}, on ${expires.slice(0, 10)}`);
  for (const [key, value] of Object.entries(report.facts)) if (value !== null) lines.push(`  ${key.padEnd(22)} ${value}`);
  for (const [key, m] of Object.entries(report.metrics)) {
    if (m.value === null) continue;
    const shown = Number.isInteger(m.value) ? String(m.value) : m.value.toFixed(2);
    lines.push(`  ${key.padEnd(22)} ${shown.padStart(10)} ${m.unit}${m.status && m.status !== 'ok' ? `  ${m.status.toUpperCase()}` : ''}`);
  }
  for (const n of report.notes) lines.push(`  note: ${n.code}${n.data ? ` ${JSON.stringify(n.data)}` : ''}`);
  for (const r of report.reasons) if (r.code === 'THRESHOLD') lines.push(`  reason: ${r.metric} ${r.value} (threshold ${r.threshold})`);
  return lines.join('\n');
}
