// "Save as PDF" saves, opens the print view, and asks the browser to print once it is drawn.
// A flag rather than an address, so reloading or bookmarking the print view never prints.
let pending = false;

export function requestPrint(): void {
  pending = true;
}

/** True once after requestPrint(). */
export function takePrintRequest(): boolean {
  const was = pending;
  pending = false;
  return was;
}
