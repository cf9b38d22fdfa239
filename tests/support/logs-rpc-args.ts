// Arguments for the logs methods in the serve bridge's "every method answers" test. The fresh
// data folder has no log source, so the methods that need one answer NOT_FOUND (the kept events of none are an empty list): a stable code,
// not a crash; closing a view that is not open does nothing, as the contract says.
export const LOGS_ARGS: Record<string, unknown> = {
  openLogView: { checkId: 'no-such-log', lines: 10 },
  renewLogView: { subscriptionId: 'lv-bridgetest01' },
  closeLogView: { subscriptionId: 'lv-bridgetest01' },
  listLogFiles: { checkId: 'no-such-log' },
  listLogEvents: { checkId: 'no-such-log', from: 0, until: 1_000 },
};

export const LOGS_EXPECTED_ERRORS: Record<string, string> = {
  openLogView: 'NOT_FOUND',
  renewLogView: 'NOT_FOUND',
  listLogFiles: 'NOT_FOUND',
};
