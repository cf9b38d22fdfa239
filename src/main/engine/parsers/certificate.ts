// PURE: what the screens say about a server's certificate: whom it names, who signed it, when it
// ends and how many days are left. Reads the plain object Node's getPeerCertificate() returns.

export interface CertificateLike {
  subject?: Record<string, string | string[] | undefined> | null;
  issuer?: Record<string, string | string[] | undefined> | null;
  valid_from?: string;
  valid_to?: string;
  subjectaltname?: string;
  fingerprint256?: string;
}

export interface CertificateSummary {
  subject: string | null;
  issuer: string | null;
  /** ISO 8601 end of validity; null when the date cannot be read. */
  notAfter: string | null;
  /** Days from `now` to the end of validity, two decimals; negative once expired. */
  daysLeft: number | null;
  /** The names it is valid for ("DNS:example.com, IP Address:10.0.0.1"), at most 300 characters. */
  names: string | null;
}

const DAY_MS = 86_400_000;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "CN=api.example.com, O=Example" from a subject or issuer record: common name first. */
export function distinguishedName(name: CertificateLike['subject']): string | null {
  if (!name) return null;
  const parts: string[] = [];
  const cn = first(name.CN);
  if (cn) parts.push(`CN=${cn}`);
  for (const key of ['O', 'OU', 'C']) {
    const v = first(name[key]);
    if (v) parts.push(`${key}=${v}`);
  }
  return parts.length > 0 ? parts.join(', ').slice(0, 300) : null;
}

export function certificateSummary(cert: CertificateLike | null | undefined, now: number): CertificateSummary | null {
  if (!cert || (!cert.valid_to && !cert.subject)) return null;
  const end = cert.valid_to ? Date.parse(cert.valid_to) : Number.NaN;
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    notAfter: Number.isFinite(end) ? new Date(end).toISOString() : null,
    daysLeft: Number.isFinite(end) ? Math.round(((end - now) / DAY_MS) * 100) / 100 : null,
    names: cert.subjectaltname ? cert.subjectaltname.slice(0, 300) : null,
  };
}
