// A throwaway CA and a server certificate for 127.0.0.1, made with openssl in a test's temp
// folder, so TLS tests verify a real chain instead of turning verification off.
import { execFile } from 'node:child_process';
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
