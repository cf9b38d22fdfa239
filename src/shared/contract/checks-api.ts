// Watched things of every kind beyond this computer's own servers: the kinds the engine knows,
// and the checks (databases, later endpoints and sources) the person added.
import type { CheckInput, CheckRecord, ChecksChangedEvent, CheckTestResult, KindDescriptor } from '../checks';
import { defineService, type Unsubscribe } from './define';

export interface ChecksApi {
  /** Every kind's descriptor: series, charts, tables, facts and form fields. */
  listKinds(): Promise<KindDescriptor[]>;
  /** Checks the person added (secrets appear only as `hasSecret`). */
  listChecks(): Promise<CheckRecord[]>;
  /** Adds (no id) or replaces a check; its password goes to the secret store. */
  saveCheck(args: CheckInput): Promise<CheckRecord>;
  deleteCheck(args: { checkId: string }): Promise<void>;
  setCheckEnabled(args: { checkId: string; enabled: boolean }): Promise<CheckRecord>;
  /** Connects once with these settings (saved or not) and says what is missing, such as a grant. */
  testCheck(args: CheckInput): Promise<CheckTestResult>;

  onDidChangeChecks(listener: (event: ChecksChangedEvent) => void): Unsubscribe;
}

export const CHECKS_API = defineService<ChecksApi>(
  'checks',
  {
    listKinds: { channel: 'opsdeck:list-kinds', access: 'read', noArgument: true },
    listChecks: { channel: 'opsdeck:list-checks', access: 'read', noArgument: true },
    saveCheck: { channel: 'opsdeck:save-check', access: 'write' },
    setCheckEnabled: { channel: 'opsdeck:set-check-enabled', access: 'write' },
    // Logs in to a database with the person's password: an operator's action.
    testCheck: { channel: 'opsdeck:test-check', access: 'write' },
    deleteCheck: { channel: 'opsdeck:delete-check', access: 'write' },
  },
  { onDidChangeChecks: 'opsdeck:did-change-checks' },
);
