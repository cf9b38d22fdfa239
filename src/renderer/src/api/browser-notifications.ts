// The browser's Notification API behind a small seam, so the store can be tested without a
// browser: what the page may do, asking the person once, and showing one notification.

export type DesktopPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export interface BrowserNotifications {
  permission(): DesktopPermission;
  /** Asks the person (browsers allow it only from a click); resolves with their answer. */
  request(): Promise<DesktopPermission>;
  show(title: string, options: { body: string; tag: string; requireInteraction: boolean; lang: string }, onClick: () => void): void;
}

// The parts of the DOM's Notification used here (the store also compiles without the DOM library).
type Permission = 'default' | 'granted' | 'denied';
type NotificationCtor = {
  new (title: string, options?: { body?: string; tag?: string; requireInteraction?: boolean; lang?: string }): { onclick: (() => void) | null; close(): void };
  permission: Permission;
  requestPermission(): Promise<Permission>;
};

/** The real API; 'unsupported' where it is missing or the page is not a secure context. */
export function browserNotifications(scope: { Notification?: unknown; isSecureContext?: boolean } = globalThis as { Notification?: unknown; isSecureContext?: boolean }): BrowserNotifications {
  const ctor = scope.Notification as NotificationCtor | undefined;
  const usable = typeof ctor === 'function' && scope.isSecureContext !== false;
  return {
    permission: () => (usable ? ctor.permission : 'unsupported'),
    async request() {
      if (!usable) return 'unsupported';
      try {
        return await ctor.requestPermission();
      } catch {
        return ctor.permission;
      }
    },
    show(title, options, onClick) {
      if (!usable || ctor.permission !== 'granted') return;
      // The tag makes several open tabs show one notification, not one each.
      const notification = new ctor(title, options);
      notification.onclick = () => {
        onClick();
        notification.close();
      };
    },
  };
}
