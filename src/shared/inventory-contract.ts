// Inventory: the SSH hosts OpsDeck watches and the services they belong to. Secrets (a
// password, a key's passphrase) travel only towards the engine, inside HostInput; what comes
// back says only whether one is stored (`hasSecret`), never the secret itself.
import { z } from 'zod';

export type AuthMethod = 'agent' | 'key' | 'password';
export type HostKeyPolicyName = 'ask' | 'accept-new';

/** Where a host's login stands, for the inventory list and the trust dialog. */
export type HostConnectionState =
  | { state: 'disabled' }
  | { state: 'connecting' }
  | { state: 'ok'; since: number }
  | { state: 'needs-trust'; fingerprint: string; keyType: string | null; message: string }
  | { state: 'hostkey-changed'; fingerprint: string; keyType: string | null; message: string }
  /** `message` is English for logs; the UI words `code` with `data` (errors.ts). */
  | { state: 'error'; code: string; message: string; data?: Record<string, string | number> };

export interface InventoryHost {
  id: string;
  name: string;
  address: string;
  port: number;
  user: string;
  authMethod: AuthMethod;
  /** Path of the private key on the computer the engine runs on (auth 'key'). */
  keyPath: string | null;
  /** A password (auth 'password') or passphrase (auth 'key') is stored in the secret store. */
  hasSecret: boolean;
  jumpHost: string | null;
  tags: string[];
  enabled: boolean;
  hostKeyPolicy: HostKeyPolicyName;
  intervalMs: number;
  /** SHA256 fingerprints trusted for this address and port. */
  trustedFingerprints: string[];
  connection: HostConnectionState;
}

export interface InventoryService {
  id: string;
  name: string;
  owner: string;
  contact: string;
  hostIds: string[];
}

export interface SecretStorageInfo {
  /**
   * keychain: the OS keychain through keytar. sealed-file: a file in the data folder encrypted
   * by Electron's safe storage with a key the OS holds. obfuscated-file: the same file where the
   * OS holds no key (Linux without a password manager), only with the person's opt-in.
   * memory: until OpsDeck stops.
   */
  backend: 'keychain' | 'sealed-file' | 'obfuscated-file' | 'memory';
  /** False when secrets last only until OpsDeck stops. */
  persistent: boolean;
  /** Why this backend is in use, for the person (English; the UI words it by backend). */
  message: string;
}

export interface InventoryView {
  hosts: InventoryHost[];
  services: InventoryService[];
  secretStorage: SecretStorageInfo;
}

export interface InventoryChangedEvent {
  /** Hosts whose record or connection state changed; empty when only services changed. */
  hostIds: string[];
}

export type TestConnectionResult =
  | { ok: true; fingerprint: string; elapsedMs: number }
  | { ok: false; code: string; message: string; data?: Record<string, string | number>; fingerprint: string | null; keyType: string | null };

export interface SshConfigImportEntry {
  /** The Host alias in ~/.ssh/config. */
  alias: string;
  address: string;
  port: number;
  user: string;
  keyPath: string | null;
  jumpHost: string | null;
}

export interface SshConfigPreviewRow extends SshConfigImportEntry {
  /** 'exists': a host with this address, port and user is already in the inventory. */
  status: 'new' | 'exists';
  notes: SshImportRemark[];
}

/** Something the import preview could not use as written; the UI words `code` with `data`. */
export interface SshImportRemark {
  code: 'INCLUDE_TOO_DEEP' | 'INCLUDE_UNREADABLE' | 'HOST_UNUSABLE' | 'MANY_IDENTITIES' | 'JUMP_CHAIN' | 'IMPORT_JUMP_TOO' | 'PROXY_COMMAND';
  /** English, for logs and tests. */
  message: string;
  data: Record<string, string | number>;
}

export interface SshConfigPreview {
  source: string;
  rows: SshConfigPreviewRow[];
  /** Lines or files that could not be used (an unreadable Include, an unusable Host). */
  warnings: SshImportRemark[];
}

export interface SshConfigImportResult {
  added: InventoryHost[];
  skipped: Array<{ alias: string; reason: string }>;
}

export const inventoryIdArg = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, - or _');
const text = (max: number) => z.string().trim().min(1).max(max);
const address = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_%-]+$/, 'an address is a host name or an IP address');
const user = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*\$?$/, 'a user name has letters, digits, . _ -');
const port = z.number().int().min(1).max(65535);
const keyPath = z.string().trim().min(1).max(4096);
const secret = z.string().min(1).max(4096);
export const fingerprintArg = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a fingerprint looks like SHA256: and 43 characters');

/** undefined keeps the stored secret, null deletes it, a string replaces it. */
const secretChange = secret.nullable().optional();

export const hostAuthInput = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('agent') }),
  z.strictObject({ method: z.literal('key'), keyPath, passphrase: secretChange }),
  z.strictObject({ method: z.literal('password'), password: secretChange }),
]);

export const hostInput = z.strictObject({
  id: inventoryIdArg.optional(),
  name: text(100),
  address,
  port: port.default(22),
  user,
  auth: hostAuthInput,
  jumpHost: z.string().trim().max(300).nullable().default(null),
  tags: z.array(text(40)).max(20).default([]),
  enabled: z.boolean().default(true),
  hostKeyPolicy: z.enum(['ask', 'accept-new']).default('ask'),
  intervalMs: z.number().int().min(1_000).max(3_600_000).default(5_000),
});
export type HostInput = z.input<typeof hostInput>;
export type HostRecordInput = z.output<typeof hostInput>;

export const serviceInput = z.strictObject({
  id: inventoryIdArg.optional(),
  name: text(100),
  owner: z.string().trim().max(100).default(''),
  contact: z.string().trim().max(200).default(''),
  hostIds: z.array(inventoryIdArg).max(5_000).default([]),
});
export type ServiceInput = z.input<typeof serviceInput>;

export const importEntry = z.strictObject({
  alias: text(200),
  address,
  port,
  user,
  keyPath: keyPath.nullable(),
  jumpHost: z.string().trim().max(300).nullable(),
});
