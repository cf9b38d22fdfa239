// Settings > Channels: the notification channels' own panel (list, send test, forms, delivery log).
// Its forms use the inventory's form and dialog rules, which are scoped to `.inventory`.
import '../inventory/inventory.css';
import { ChannelsPanel } from '../channels/channels-panel';

export function ChannelsTab() {
  return (
    <div className="inventory" data-testid="settings-channels">
      <ChannelsPanel />
    </div>
  );
}
