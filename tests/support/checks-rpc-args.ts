// Arguments for the checks methods in the serve bridge's "every method answers" test, in
// contract order: the check saved first is disabled, tested against a closed port and deleted.
const CHECK = {
  id: 'bridge-check',
  kind: 'postgres',
  name: 'Bridge test database',
  enabled: false,
  config: { address: '127.0.0.1', port: 1, user: 'opsdeck' },
  secret: 'bridge-check-password',
};

export const CHECKS_ARGS: Record<string, unknown> = {
  saveCheck: CHECK,
  setCheckEnabled: { checkId: CHECK.id, enabled: false },
  testCheck: CHECK,
  deleteCheck: { checkId: CHECK.id },
};
