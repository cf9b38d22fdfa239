// A throwaway CA and a server certificate for 127.0.0.1, made with openssl in a test's temp
// folder, so TLS tests verify a real chain instead of turning verification off.
import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCerts {
  caPath: string;
  ca: string;
  certPath: string;
  keyPath: string;
  /** A second CA that signed nothing here: a client trusting only it must refuse the server. */
  otherCa: string;
}

// EC P-256 keys: generated in milliseconds, unlike RSA.
async function makeCa(dir: string, name: string): Promise<{ key: string; cert: string }> {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`]);
  return { key, cert };
}

export async function makeTestCerts(dir: string, owner?: { uid: number; gid: number }): Promise<TestCerts> {
  fs.mkdirSync(dir, { recursive: true });
  const ca = await makeCa(dir, 'opsdeck-test-ca');
  const other = await makeCa(dir, 'opsdeck-other-ca');
  const keyPath = path.join(dir, 'server.key');
  const csr = path.join(dir, 'server.csr');
  const certPath = path.join(dir, 'server.crt');
  const ext = path.join(dir, 'server.ext');
  fs.writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyPath, '-out', csr, '-subj', '/CN=127.0.0.1']);
  await run('openssl', ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', certPath, '-days', '2', '-extfile', ext]);
  // Servers refuse a private key others can read, and must be able to read it as their own user.
  fs.chmodSync(keyPath, 0o600);
  if (owner) for (const f of [keyPath, certPath, ca.cert]) fs.chownSync(f, owner.uid, owner.gid);
  return { caPath: ca.cert, ca: fs.readFileSync(ca.cert, 'utf8'), certPath, keyPath, otherCa: fs.readFileSync(other.cert, 'utf8') };
}

// ---------------------------------------------------------------------------------------------
// Endpoint certificates: one CA, and server certificates that are valid, about to expire,
// expired, issued for another name, or self-signed; with the SHA-256 SPKI pins of each.
// `openssl ca` sets exact validity dates (x509 -req cannot make an already-expired certificate).


export interface IssuedCert {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
  /** sha256/base64 of the certificate's SubjectPublicKeyInfo, as a pin. */
  pin: string;
}

export interface EndpointCerts {
  dir: string;
  caPath: string;
  ca: string;
  caPin: string;
  /** 127.0.0.1 and localhost, 90 days left. */
  valid: IssuedCert;
  /** 10 days left: under the 21-day warning. */
  expiringSoon: IssuedCert;
  /** 3 days left: under the 7-day critical line. */
  expiringNow: IssuedCert;
  /** Ended 30 days ago. */
  expired: IssuedCert;
  /** Issued for wrong.example and 127.0.0.2 only. */
  wrongName: IssuedCert;
  /** Signed by itself for 127.0.0.1: no CA vouches for it. */
  selfSigned: IssuedCert;
}

export function spkiPinOf(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256/${createHash('sha256').update(der).digest('base64')}`;
}

const DAY = 86_400_000;
const opensslDate = (t: number) => new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

async function newKeyAndCsr(dir: string, name: string, cn: string): Promise<{ keyPath: string; csr: string }> {
  const keyPath = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyPath, '-out', csr, '-subj', `/CN=${cn}/O=OpsDeck Test`]);
  fs.chmodSync(keyPath, 0o600);
  return { keyPath, csr };
}

function issued(certPath: string, keyPath: string): IssuedCert {
  const cert = fs.readFileSync(certPath, 'utf8');
  return { certPath, keyPath, cert, key: fs.readFileSync(keyPath, 'utf8'), pin: spkiPinOf(cert) };
}

export async function makeEndpointCerts(dir: string, now = Date.now()): Promise<EndpointCerts> {
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true });
  const ca = await makeCa(dir, 'opsdeck-endpoint-ca');
  fs.writeFileSync(path.join(dir, 'db', 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'db', 'serial'), '1000\n');
  const config = path.join(dir, 'ca.cnf');
  fs.writeFileSync(
    config,
    ['[ ca ]', 'default_ca = test_ca', '[ test_ca ]', `database = ${dir}/db/index.txt`, `new_certs_dir = ${dir}/db`, `serial = ${dir}/db/serial`, 'default_md = sha256', 'policy = any', 'unique_subject = no', '[ any ]', 'commonName = supplied', 'organizationName = optional', ''].join('\n'),
  );
  // One at a time: `openssl ca` keeps its serial and index in files.
  const sign = async (name: string, cn: string, san: string, from: number, to: number): Promise<IssuedCert> => {
    const { keyPath, csr } = await newKeyAndCsr(dir, name, cn);
    const ext = path.join(dir, `${name}.ext`);
    fs.writeFileSync(ext, `subjectAltName=${san}\n`);
    const certPath = path.join(dir, `${name}.crt`);
    await run('openssl', ['ca', '-batch', '-config', config, '-cert', ca.cert, '-keyfile', ca.key, '-in', csr, '-out', certPath, '-startdate', opensslDate(from), '-enddate', opensslDate(to), '-extfile', ext, '-notext']);
    return issued(certPath, keyPath);
  };
  const local = 'IP:127.0.0.1,DNS:localhost';
  const valid = await sign('valid', '127.0.0.1', local, now - DAY, now + 90 * DAY);
  const expiringSoon = await sign('expiring-soon', '127.0.0.1', local, now - 80 * DAY, now + 10 * DAY);
  const expiringNow = await sign('expiring-now', '127.0.0.1', local, now - 87 * DAY, now + 3 * DAY);
  const expired = await sign('expired', '127.0.0.1', local, now - 120 * DAY, now - 30 * DAY);
  const wrongName = await sign('wrong-name', 'wrong.example', 'DNS:wrong.example,IP:127.0.0.2', now - DAY, now + 90 * DAY);
  const selfKey = path.join(dir, 'self-signed.key');
  const selfCert = path.join(dir, 'self-signed.crt');
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', selfKey, '-out', selfCert, '-days', '60', '-subj', '/CN=127.0.0.1/O=Self Signed', '-addext', `subjectAltName=${local}`]);
  fs.chmodSync(selfKey, 0o600);
  const caPem = fs.readFileSync(ca.cert, 'utf8');
  return { dir, caPath: ca.cert, ca: caPem, caPin: spkiPinOf(caPem), valid, expiringSoon, expiringNow, expired, wrongName, selfSigned: issued(selfCert, selfKey) };
}
