// Arguments for the alerts methods in the serve bridge's "every method answers" test, in
// contract order: a rule saved, previewed and deleted; a silence saved and expired; a window
// saved and deleted; the minimal rules file imported.
const RULE = {
  id: 'bridge-rule',
  label: null,
  metric: 'mem.used',
  condition: { kind: 'threshold', direction: 'above', threshold: 99.9, recovery: null },
  forMs: 60_000,
  recoverForMs: 0,
  keepFiringForMs: 0,
  severity: 'warning',
  targets: [],
  services: [],
  kinds: [],
  channels: null,
  enabled: true,
  description: null,
  overrides: [],
};

export const ALERTS_ARGS: Record<string, unknown> = {
  getAlert: { alertId: 'bridge-rule|local|mem.used' },
  acknowledgeAlert: { alertId: 'bridge-rule|local|mem.used', note: 'bridge' },
  openIncidentFromAlert: { alertId: 'bridge-rule|local|mem.used' },
  saveAlertRule: { rule: RULE },
  previewAlertRule: { rule: RULE },
  deleteAlertRule: { ruleId: 'bridge-rule' },
  saveAlertSettings: {
    settings: {
      groupWaitMs: 30_000,
      repeatIntervalMs: 14_400_000,
      escalateAfterMs: 900_000,
      escalation: [{ kind: 'service-owner' }],
      incidentPolicy: 'propose',
      recoveryConfirmMs: 600_000,
      flapStartPercent: 30,
      flapStopPercent: 25,
      noDataAfterMs: 60_000,
    },
  },
  saveSilence: { id: 'bridge-silence', matcher: { ruleId: 'bridge-rule' }, endsAt: 4_102_444_800_000, reason: 'bridge test' },
  expireSilence: { silenceId: 'bridge-silence' },
  saveMaintenance: { id: 'bridge-window', name: 'bridge', schedule: { kind: 'weekly', days: [0], time: '03:00', durationMs: 3_600_000 }, timeZone: 'Asia/Seoul', scope: { targets: ['local'], services: [], rules: [] } },
  deleteMaintenance: { maintenanceId: 'bridge-window' },
  importAlertRules: { content: 'rules:\n  - name: bridge-import\n    metric: mem.used\n    above: 99.9\n    for: 1h\n' },
  getDiskForecasts: { targetId: 'local' },
  getBaselineBand: { targetId: 'local', key: 'cpu.usage', range: '1h' },
  // The incident the incident calls created first.
  getIncidentHealth: { incidentId: 'INC-0001' },
};

/** Methods that need a firing alert, which a fresh engine does not have: they answer NOT_FOUND. */
export const ALERTS_EXPECTED_ERRORS: Record<string, string> = {
  getAlert: 'NOT_FOUND',
  acknowledgeAlert: 'NOT_FOUND',
  openIncidentFromAlert: 'NOT_FOUND',
};
