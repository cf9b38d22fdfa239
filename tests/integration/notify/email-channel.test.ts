// The e-mail channel against a real SMTP server on loopback (the smtp-server package): STARTTLS
// verified against a test CA, a login, a text part and an HTML part read back with mailparser;
// a wrong password, an untrusted certificate and a refused recipient each say what is wrong.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCerts, type TestCerts } from '../../support/test-tls';
import { notification } from '../../support/notifications';
import { openHarness, type Harness } from './channel-harness';

const PASSWORD = 'Smtp-pw-5e1f-never-in-sqlite';

let h: Harness;
let certs: TestCerts;
let server: SMTPServer;
let port: number;
const received: Array<{ from: string; to: string[]; user: string | undefined; secure: boolean; mail: ParsedMail }> = [];

beforeAll(async () => {
  h = openHarness();
  certs = await makeTestCerts(path.join(h.dir, 'tls'));
  server = new SMTPServer({
    key: fs.readFileSync(certs.keyPath),
    cert: fs.readFileSync(certs.certPath),
    authMethods: ['PLAIN', 'LOGIN'],
    // Refuses logins before STARTTLS, as real submission servers do.
    allowInsecureAuth: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'opsdeck' && auth.password === PASSWORD) cb(null, { user: 'opsdeck' });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@nowhere.invalid')) cb(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            secure: session.secure,
            mail,
          });
          cb();
        },
        (err: Error) => cb(err),
      );
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  h.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(h.dir, { recursive: true, force: true });
});

const settings = (over: Record<string, string | number | null> = {}) => ({
  host: '127.0.0.1',
  port,
  security: 'starttls',
  user: 'opsdeck',
  from: 'opsdeck@example.co.kr',
  to: 'oncall@example.co.kr, lead@example.co.kr',
  caFile: certs.caPath,
  ...over,
});

describe('e-mail channel on a real SMTP server', () => {
  it('sends a verified STARTTLS message with a login, a text part and an HTML part', async () => {
    const saved = await h.channels.methods.saveChannel({ type: 'email', name: '당직 메일', language: 'ko', settings: settings(), secrets: { password: PASSWORD } });
    expect(saved).toMatchObject({ hasSecret: { password: true }, destination: `127.0.0.1:${port}` });
    h.channels.notifier.notify(notification(), [saved.id]);
    expect(await h.until(saved.id, (r) => r.outcome !== 'retrying')).toMatchObject({ outcome: 'delivered', attempt: 1 });
    const got = received.at(-1)!;
    expect(got).toMatchObject({ from: 'opsdeck@example.co.kr', to: ['oncall@example.co.kr', 'lead@example.co.kr'], user: 'opsdeck', secure: true });
    expect(got.mail.subject).toBe('[심각] 결제 서비스: 메모리 사용률 높음');
    expect(got.mail.text).toContain('결제 웹서버 1의 메모리 사용률이 92.3%로 기준인 80%보다 높습니다.');
    expect(got.mail.text).toContain('연락할 사람:\n- 김민수 (현장 지휘자) · 010-2222-3333');
    expect(got.mail.html).toContain('<strong style="font-size:16px">[심각] 결제 서비스: 메모리 사용률 높음</strong>');
    expect(got.mail.html).toContain('<a href="https://opsdeck.example.co.kr/#/alerts/a-mem-web01">OpsDeck에서 보기</a>');
    expect(got.mail.headers.get('x-opsdeck-event')).toBe('firing');
  });

  it('says AUTH_FAILED for a wrong password, and does not retry it', async () => {
    const saved = await h.channels.methods.saveChannel({ type: 'email', name: 'wrong-pw', language: 'en', settings: settings(), secrets: { password: 'not-the-password' } });
    const result = await h.channels.methods.testChannel({ id: saved.id, type: 'email', name: 'wrong-pw', language: 'en', settings: settings() });
    expect(result).toMatchObject({ ok: false, code: 'AUTH_FAILED', status: 535, field: 'password' });
    expect(h.log(saved.id)).toMatchObject([{ event: 'test', outcome: 'failed', code: 'AUTH_FAILED' }]);
  });

  it('refuses a server whose certificate it cannot verify', async () => {
    const result = await h.channels.methods.testChannel({ type: 'email', name: 'no-ca', language: 'ko', settings: settings({ caFile: null }), secrets: { password: PASSWORD } });
    expect(result).toMatchObject({ ok: false, code: 'TLS_FAILED' });
  });

  it('names a refused recipient as a final refusal', async () => {
    const result = await h.channels.methods.testChannel({ type: 'email', name: 'bad-rcpt', language: 'ko', settings: settings({ to: 'ghost@nowhere.invalid' }), secrets: { password: PASSWORD } });
    expect(result).toMatchObject({ ok: false, code: 'REJECTED', status: 550 });
  });

  it('allows no TLS only to a relay on this computer', async () => {
    await expect(h.channels.methods.saveChannel({ type: 'email', name: 'plain-remote', language: 'ko', settings: settings({ host: 'smtp.example.co.kr', security: 'none' }) })).rejects.toMatchObject({
      code: 'CHANNEL_INVALID',
      field: 'security',
    });
  });

  it('sends the test message in the channel’s language', async () => {
    const result = await h.channels.methods.testChannel({ type: 'email', name: 'Ops mail', language: 'en', settings: settings(), secrets: { password: PASSWORD } });
    expect(result).toMatchObject({ ok: true });
    expect(received.at(-1)!.mail.subject).toBe('[Test] OpsDeck notification channel check');
    expect(received.at(-1)!.mail.text).toContain("This is a test from OpsDeck to the channel 'Ops mail'.");
  });
});
