// A short two-tone beep through Web Audio when a tile turns critical. Browsers only allow sound
// after a click on the page (the wall's sound button); Electron may play at once.

let context: AudioContext | null = null;

/** Called from the sound button's click, so the browser lets the page play sound from now on. */
export function unlockSound(): boolean {
  try {
    context ??= new AudioContext();
    void context.resume();
    return true;
  } catch {
    return false;
  }
}

export function playCriticalSound(): void {
  if (!context || context.state !== 'running') return;
  const now = context.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.25, now + i * 0.25);
    gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.25 + 0.22);
    osc.connect(gain).connect(context.destination);
    osc.start(now + i * 0.25);
    osc.stop(now + i * 0.25 + 0.23);
  }
}
