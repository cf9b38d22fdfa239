// Arguments for the channels methods in the serve bridge's "every method answers" test, in
// contract order: a desktop channel is saved and deleted, then an unsaved one is tested (the
// test's own socket listens, so the desktop notification has somewhere to go).
const CHANNEL = { id: 'bridge-channel', type: 'desktop', name: 'Bridge test channel', language: 'ko', settings: {} };

export const CHANNELS_ARGS: Record<string, unknown> = {
  saveChannel: CHANNEL,
  deleteChannel: { channelId: CHANNEL.id },
  testChannel: { type: 'desktop', name: 'Bridge test channel (unsaved)', language: 'en', settings: {} },
  listDeliveries: {},
};
