// PURE evaluation of one alert: one rule over one series of one target, one reading at a time.
// Time is the reading's timestamp; nothing here reads a clock. The phases follow Prometheus
// (pending for `for`, keep-firing-for), Zabbix and Grafana (a separate recovery threshold and a
// minimum recovery time), Grafana's KeepLast for missing data (a missing reading never resolves
// nor fires anything) and Icinga's flap detection.
import type { RuleCondition } from '../../../shared/alerts';
import { NO_FLAPS, recordState, type FlapState } from './flap-detection';

export type Phase = 'inactive' | 'pending' | 'firing' | 'unknown';

/** The parameters of a rule as they apply to one target (overrides already applied). */
export interface EffectiveRule {
  condition: RuleCondition;
  forMs: number;
  recoverForMs: number;
  keepFiringForMs: number;
  /** A firing alert whose series has no readings this long turns UNKNOWN. */
  noDataAfterMs: number;
  flapStartPercent: number;
  flapStopPercent: number;
}

/** A running mean and variance (EWMA) of the series, for `unusual` rules. */
export interface BaselineState {
  mean: number;
  variance: number;
  samples: number;
  lastTs: number;
}

export interface AlertMachineState {
  phase: Phase;
  /** Start of the current episode (first breaching reading). */
  activeSince: number | null;
  firingSince: number | null;
  lastBreachAt: number | null;
  recoveringSince: number | null;
  /** First reading of the current gap in the data. */
  missingSince: number | null;
  lastValue: number | null;
  lastTs: number | null;
  /** Evaluations with a reading, ever (the flap window is counted in these). */
  evaluations: number;
  flap: FlapState;
  baseline: BaselineState | null;
}

export const INITIAL_MACHINE: AlertMachineState = {
  phase: 'inactive',
  activeSince: null,
  firingSince: null,
  lastBreachAt: null,
  recoveringSince: null,
  missingSince: null,
  lastValue: null,
  lastTs: null,
  evaluations: 0,
  flap: NO_FLAPS,
  baseline: null,
};

export type Transition =
  | { kind: 'pending'; ts: number; value: number | null }
  | { kind: 'firing'; ts: number; value: number | null; resumed: boolean }
  | { kind: 'back-to-ok'; ts: number; value: number | null }
  | { kind: 'resolved'; ts: number; value: number | null }
  | { kind: 'unknown'; ts: number }
  | { kind: 'flapping-started'; ts: number; percent: number }
  | { kind: 'flapping-stopped'; ts: number; percent: number };

export interface Judgement {
  /** The condition is met. */
  breach: boolean;
  /** The value is back on the good side of the recovery threshold. */
  recovered: boolean;
  /** For `unusual`: how many spreads from the mean; null otherwise. */
  deviations: number | null;
}

/** One reading: a value, or null when there is none (a gap, a failed poll). */
export interface Reading {
  ts: number;
  value: number | null;
}

function judgeThreshold(c: Extract<RuleCondition, { kind: 'threshold' }>, value: number): Judgement {
  const recovery = c.recovery ?? c.threshold;
  if (c.direction === 'above') return { breach: value > c.threshold, recovered: value <= recovery, deviations: null };
  return { breach: value < c.threshold, recovered: value >= recovery, deviations: null };
}

/** EWMA with a half-life in time, so an irregular interval weighs readings by their age. */
export function updateBaseline(b: BaselineState | null, value: number, ts: number, halfLifeMs: number): BaselineState {
  if (!b) return { mean: value, variance: 0, samples: 1, lastTs: ts };
  const dt = Math.max(0, ts - b.lastTs);
  // Until the half-life has enough readings behind it, a plain running average (1/n) learns faster.
  const alpha = Math.max(1 - Math.exp((-dt * Math.LN2) / Math.max(1, halfLifeMs)), 1 / (b.samples + 1));
  const diff = value - b.mean;
  const mean = b.mean + alpha * diff;
  const variance = (1 - alpha) * (b.variance + alpha * diff * diff);
  return { mean, variance, samples: b.samples + 1, lastTs: ts };
}

function judgeUnusual(c: Extract<RuleCondition, { kind: 'unusual' }>, value: number, b: BaselineState | null): Judgement {
  if (!b || b.samples < c.warmupSamples) return { breach: false, recovered: true, deviations: null };
  // A floor on the spread: a perfectly flat series would call any change "infinitely unusual".
  const spread = Math.max(Math.sqrt(b.variance), Math.abs(b.mean) * 0.01, 1e-9);
  const deviations = Math.abs(value - b.mean) / spread;
  return { breach: deviations > c.deviations, recovered: deviations <= c.deviations, deviations };
}

/**
 * Judges a reading against the condition. For `nodata` rules the reading's value is 1 while
 * the target has no data and 0 while it has; null never happens for them.
 */
export function judge(condition: RuleCondition, value: number, baseline: BaselineState | null): Judgement {
  switch (condition.kind) {
    case 'threshold':
      return judgeThreshold(condition, value);
    case 'unusual':
      return judgeUnusual(condition, value, baseline);
    case 'nodata':
      return { breach: value >= 0.5, recovered: value < 0.5, deviations: null };
  }
}

export interface StepResult {
  state: AlertMachineState;
  transitions: Transition[];
  judgement: Judgement | null;
}

/** Moves one alert forward by one reading. Readings older than the last one are ignored. */
export function stepAlert(prev: AlertMachineState, reading: Reading, rule: EffectiveRule): StepResult {
  if (prev.lastTs !== null && reading.ts < prev.lastTs) return { state: prev, transitions: [], judgement: null };
  const ts = reading.ts;
  const transitions: Transition[] = [];
  if (reading.value === null || !Number.isFinite(reading.value)) {
    const missingSince = prev.missingSince ?? ts;
    let phase = prev.phase;
    // Missing data never counts as OK: a firing alert stays, and after a while it is UNKNOWN.
    if (phase === 'firing' && ts - missingSince >= rule.noDataAfterMs) {
      phase = 'unknown';
      transitions.push({ kind: 'unknown', ts });
    }
    return { state: { ...prev, phase, missingSince, lastTs: ts }, transitions, judgement: null };
  }

  const value = reading.value;
  const judgement = judge(rule.condition, value, prev.baseline);
  const baseline = rule.condition.kind === 'unusual' ? updateBaseline(prev.baseline, value, ts, rule.condition.halfLifeMs) : prev.baseline;
  const flap = recordState(prev.flap, judgement.breach, rule.flapStartPercent, rule.flapStopPercent);
  if (flap.flapping && !prev.flap.flapping) transitions.push({ kind: 'flapping-started', ts, percent: flap.percent });
  if (!flap.flapping && prev.flap.flapping) transitions.push({ kind: 'flapping-stopped', ts, percent: flap.percent });

  let s: AlertMachineState = { ...prev, missingSince: null, lastValue: value, lastTs: ts, evaluations: prev.evaluations + 1, flap, baseline };
  const fire = (): AlertMachineState => {
    transitions.push({ kind: 'firing', ts, value, resumed: false });
    return { ...s, phase: 'firing', firingSince: ts, lastBreachAt: ts, recoveringSince: null };
  };

  switch (s.phase) {
    case 'inactive':
      if (judgement.breach) {
        s = { ...s, activeSince: ts, firingSince: null, lastBreachAt: ts, recoveringSince: null };
        if (rule.forMs <= 0) s = fire();
        else {
          s = { ...s, phase: 'pending' };
          transitions.push({ kind: 'pending', ts, value });
        }
      }
      break;
    case 'pending':
      if (!judgement.breach) {
        s = { ...s, phase: 'inactive', activeSince: null, lastBreachAt: null };
        transitions.push({ kind: 'back-to-ok', ts, value });
      } else if (ts - (s.activeSince ?? ts) >= rule.forMs) s = fire();
      else s = { ...s, lastBreachAt: ts };
      break;
    case 'unknown':
    case 'firing':
      if (s.phase === 'unknown') {
        // Data is back: the alert is firing again until the reading says it recovered.
        transitions.push({ kind: 'firing', ts, value, resumed: true });
        s = { ...s, phase: 'firing' };
      }
      if (judgement.breach) s = { ...s, lastBreachAt: ts, recoveringSince: null };
      else if (judgement.recovered) {
        const recoveringSince = s.recoveringSince ?? ts;
        const sinceBreach = ts - (s.lastBreachAt ?? s.firingSince ?? ts);
        if (ts - recoveringSince >= rule.recoverForMs && sinceBreach >= rule.keepFiringForMs) {
          s = { ...s, phase: 'inactive', recoveringSince: null, activeSince: null, lastBreachAt: null };
          transitions.push({ kind: 'resolved', ts, value });
        } else s = { ...s, recoveringSince };
      } else {
        // Between the threshold and the recovery value: not yet recovered (hysteresis).
        s = { ...s, recoveringSince: null };
      }
      break;
  }
  return { state: s, transitions, judgement };
}
