// One OpsDeck per user data folder: a second launch hands over to the running one, which
// brings its window forward (a wall operator double-clicking the icon gets the same screen) and
// takes the files the second launch was asked to open.
import { app } from 'electron';

/** Returns false when another instance holds the lock; this one is then quitting. */
export function setupSingleInstance(onSecondInstance: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}
