// The alert engine's view of the notification channels: a rules file's `channels:` section goes
// into the channels module (secrets into the secret store), and a rule's channel names become
// the channel ids that notify() takes. Replaces the alerts' stand-in importer.
import type { ChannelImporter } from '../alerts/channel-import';
import type { Logger } from '../core/logger';
import { channelIdsByName, exportChannels, importChannels } from './channel-import';
import type { ChannelsModule } from './channels-module';

export function rulesChannelImporter(channels: ChannelsModule, logger: Logger): ChannelImporter {
  // Each unknown name is logged once, not at every notification of every alert that uses it.
  const reported = new Set<string>();
  return {
    async importChannels(list) {
      const result = await importChannels(list, channels);
      return { imported: [...result.added, ...result.updated], skipped: result.rejected };
    },
    exportChannels: () => exportChannels(channels),
    resolveChannelIds(names) {
      const { ids, unknown } = channelIdsByName(names, channels);
      for (const name of unknown) {
        if (reported.has(name.toLowerCase())) continue;
        reported.add(name.toLowerCase());
        logger.log('warn', 'rule-channel-unknown', { channel: name });
      }
      return ids;
    },
  };
}
