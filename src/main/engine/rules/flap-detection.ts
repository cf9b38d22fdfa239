// PURE flap detection in Icinga's manner: the last 21 raw states of a check, the share of them
// that are changes, newer changes weighted more (0.8 for the oldest up to 1.2 for the newest),
// and two thresholds so it does not itself flap: starts above `start`, stops below `stop`.

/** States remembered per alert: 21 states hold 20 possible changes. */
export const FLAP_HISTORY = 21;

export interface FlapState {
  /** Raw states, newest last (true: the condition was met). At most FLAP_HISTORY. */
  history: boolean[];
  flapping: boolean;
  percent: number;
}

export const NO_FLAPS: FlapState = { history: [], flapping: false, percent: 0 };

/** Weighted percent of state changes over `history` (0-100), as Icinga computes it. */
export function flapPercent(history: readonly boolean[]): number {
  const changes = FLAP_HISTORY - 1;
  let total = 0;
  // Align to the newest end, so a short history weighs its changes as the newest ones.
  const offset = FLAP_HISTORY - history.length;
  for (let i = 1; i < history.length; i++) {
    if (history[i] === history[i - 1]) continue;
    const position = offset + i - 1; // 0 = the oldest possible change, changes - 1 = the newest
    total += 0.8 + (0.4 * position) / (changes - 1);
  }
  return (100 * total) / changes;
}

/** Adds one raw state and re-judges flapping with the start/stop thresholds. */
export function recordState(state: FlapState, met: boolean, start: number, stop: number): FlapState {
  const history = [...state.history, met].slice(-FLAP_HISTORY);
  const percent = flapPercent(history);
  const flapping = state.flapping ? percent >= stop : percent > start;
  return { history, flapping, percent };
}
