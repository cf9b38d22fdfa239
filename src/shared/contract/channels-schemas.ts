import { z } from 'zod';
import type { ChannelsApi } from './channels-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

export const channelIdArg = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, - or _');
const settingKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'a setting name is letters and digits');
const settingValue = z.union([z.string().max(4096), z.number().finite(), z.boolean(), z.null()]);

/** The envelope only: each channel type's own schema checks the settings in the engine. */
export const channelInput = z.strictObject({
  id: channelIdArg.optional(),
  type: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a type is a short lower-case name such as slack'),
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().optional(),
  language: z.enum(['ko', 'en']),
  settings: z.record(settingKey, settingValue).refine((s) => Object.keys(s).length <= 32, 'at most 32 settings'),
  secrets: z
    .record(settingKey, z.string().min(1).max(4096).nullable())
    .refine((s) => Object.keys(s).length <= 8, 'at most 8 secrets')
    .optional(),
});

export const CHANNELS_ARG_SCHEMAS = {
  listChannelTypes: noArgument,
  listChannels: noArgument,
  saveChannel: channelInput,
  deleteChannel: z.strictObject({ channelId: channelIdArg }),
  testChannel: channelInput,
  listDeliveries: z.strictObject({
    channelId: channelIdArg.optional(),
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
} satisfies ArgSchemas<ChannelsApi>;
