// Functions bench:sources runs inside the console page (Chromium): the time to a painted overview
// and the overview filter's answer time, both with performance.now() and requestAnimationFrame.

/** Init script: records when the first screen of tiles is in the DOM with every host counted, then painted. */
export function watchFirstScreen(total) {
  const done = () => {
    const tiles = document.querySelectorAll('[data-testid="fleet-rows"] [data-target-id]').length;
    const shown = document.querySelector('[data-testid="overview-shown"]')?.textContent ?? '';
    const numbers = (shown.match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
    return tiles > 0 && Math.max(0, ...numbers) >= total;
  };
  const observer = new MutationObserver(() => {
    if (window.__firstScreen || !done()) return;
    window.__firstScreen = { domMs: performance.now() };
    observer.disconnect();
    // The frame that shows it: the rAF callback runs before that paint, the next task after it.
    requestAnimationFrame(() => setTimeout(() => {
      window.__firstScreen.paintedMs = performance.now();
      window.__firstScreen.tiles = document.querySelectorAll('[data-testid="fleet-rows"] [data-target-id]').length;
    }, 0));
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
}

/** Types `text` into the overview search one key at a time; each key's time until the list changed and painted. */
export async function typeAndTime(text) {
  const input = document.querySelector('[data-testid="overview-search"]');
  const shownEl = document.querySelector('[data-testid="overview-shown"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const keys = [];
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  // React renders a discrete input event synchronously; a deferred render shows up as a later mutation.
  const type = async (value) => {
    const before = shownEl.textContent;
    const t0 = performance.now();
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await frame();
    const firstFrame = performance.now() - t0;
    if (shownEl.textContent !== before) return { value, ms: firstFrame, changed: true, shown: shownEl.textContent };
    const later = await new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); frame().then(() => resolve(performance.now() - t0)); });
      observer.observe(shownEl, { childList: true, subtree: true, characterData: true });
      setTimeout(() => { observer.disconnect(); resolve(null); }, 300);
    });
    return { value, ms: later ?? firstFrame, changed: later !== null, shown: shownEl.textContent };
  };
  for (let i = 1; i <= text.length; i++) keys.push(await type(text.slice(0, i)));
  for (let i = text.length - 1; i >= 0; i--) keys.push(await type(text.slice(0, i)));
  return keys;
}
