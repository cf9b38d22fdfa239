// What a passing endpoint test measured, in one or two lines: the status and where the time
// went (DNS, connect, TLS, first byte), the certificate's days left and whom it names, redirects.
import type { CheckTestResult } from '../../../../shared/checks';
import { useI18n } from '../../i18n/use-i18n';

export function EndpointTestSummary({ result }: { result: Extract<CheckTestResult, { ok: true }> }) {
  const { t, fmt } = useI18n();
  const m = result.metrics ?? {};
  const ms = (key: string) => fmt.metric('milliseconds', m[key] ?? null);
  const lines: string[] = [];
  if (m['http.status'] !== undefined) {
    lines.push(t('endpoint.test.http', { status: String(m['http.status'] ?? '—'), total: ms('http.responseMs'), dns: ms('http.dnsMs'), connect: ms('http.connectMs'), tls: ms('http.tlsMs'), firstByte: ms('http.firstByteMs') }));
    if (m['tls.daysLeft'] !== null && m['tls.daysLeft'] !== undefined) {
      lines.push(t('endpoint.test.certificate', { days: fmt.metric('days', m['tls.daysLeft']), date: (result.facts.certExpires ?? '—').slice(0, 10), subject: result.facts.certSubject ?? '—', issuer: result.facts.certIssuer ?? '—' }));
    }
    if ((m['http.redirects'] ?? 0) > 0) lines.push(t('endpoint.test.redirects', { n: String(m['http.redirects']), url: result.facts.finalUrl ?? '—' }));
  } else {
    lines.push(t('endpoint.test.tcp', { connect: ms('tcp.connectMs') }));
    if (result.facts.banner) lines.push(t('endpoint.test.banner', { banner: result.facts.banner }));
  }
  return (
    <>
      {lines.map((line, i) => (
        <p key={i} data-testid={i === 0 ? 'check-test-ok-summary' : undefined}>
          {i === 0 ? '✓ ' : ''}
          {line}
        </p>
      ))}
    </>
  );
}
