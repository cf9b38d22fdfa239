// Log text made inert for where it is shown. A log line is data written by someone else: it
// may carry ANSI escape sequences (colours, but also cursor moves and terminal title changes)
// and any other control character. Screens show it as plain text with colour codes removed and
// every other control character as a visible symbol; terminals get visible \xNN escapes.

// ESC [ ... final byte: SGR and the other CSI sequences; ESC ] ... BEL/ST: OSC (titles, links).
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** For screens: escape sequences removed, other control characters as Unicode control pictures. */
export function displayText(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\uFFFD';
  });
}

/** For a terminal: every control character but tab as a visible \xNN, so a log cannot drive the terminal. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
