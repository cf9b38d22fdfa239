// Desktop notifications: the desktop app shows them with Electron's Notification (relayed from
// the engine's process), and every console open in a browser with the Notification API once
// the person allowed it there. Nothing leaves this computer.
import { z } from 'zod';
import { DeliveryError } from '../delivery-error';
import { defineChannelType } from '../channel-type';
import { formatMessage, worstSeverity } from '../message/format';

const schema = z.object({});
export type DesktopConfig = z.infer<typeof schema>;

export const desktopChannel = defineChannelType<DesktopConfig>({
  type: 'desktop',
  descriptor: {
    type: 'desktop',
    name: { ko: '데스크톱 알림', en: 'Desktop notifications' },
    region: 'local',
    summary: {
      ko: '데스크톱 앱과, 알림을 허용한 브라우저의 OpsDeck 화면에 알림 창을 띄웁니다.',
      en: 'Shows a notification in the desktop app, and in browsers with OpsDeck open that allowed notifications.',
    },
    docsUrl: null,
    fields: [],
  },
  schema,
  secretFields: [],
  destinationFields: [],
  destinationOf: () => null,
  async send(notification, _config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    const body = [m.lead, ...m.alerts].join('\n');
    const severity = worstSeverity(notification.alerts);
    const shown = ctx.emitDesktop({
      id: ctx.deliveryId,
      channelId: ctx.channelId,
      notificationId: notification.id,
      title: m.title,
      body: body.length > 480 ? `${body.slice(0, 479)}…` : body,
      severity,
      status: notification.status,
      link: notification.link,
      requireInteraction: severity === 'critical' && notification.event !== 'resolved' && notification.event !== 'test',
    });
    // Nobody to show it to: not retried, a desktop notification is only worth it now.
    if (shown === 0) throw new DeliveryError('NO_CONSOLE');
  },
});
