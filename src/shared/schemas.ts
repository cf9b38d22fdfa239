// Runtime validation of every argument that arrives from a renderer or a socket, before the
// engine sees it. Exhaustive over MethodName, so a new method cannot skip validation.
import { z } from 'zod';
import type { MethodName } from './api';
import { GlossaryEntrySchema } from './glossary';
import { glossaryExportArgs, glossaryIdArg, glossaryImportArgs } from './glossary-contract';
import {
  applyIncidentCommandArgs,
  composeMessageArgs,
  createIncidentArgs,
  draftIncidentArgs,
  exportPostmortemArgs,
  importPlaybookArgs,
  incidentIdArgs,
  postmortemArgs,
  reportArgs,
  savePostmortemArgs,
} from './incidents-contract';
import { INVENTORY_ARG_SCHEMAS } from './inventory-contract';
import { METRIC_KEYS, TIME_RANGES } from './model';

const targetId = z.string().min(1).max(200);

const seriesKey = z.union([
  z.enum(METRIC_KEYS as [string, ...string[]]),
  z.string().regex(/^fs\.used:\/.{0,4095}$/, 'a filesystem series looks like fs.used:/mount'),
]);

const none = z.undefined().or(z.null()).transform(() => undefined);

export const METHOD_ARG_SCHEMAS = {
  getAppInfo: none,
  listTargets: none,
  getOverview: none,
  getSnapshot: z.strictObject({ targetId }),
  getSeries: z.strictObject({
    targetId,
    keys: z.array(seriesKey).min(1).max(64),
    range: z.enum(Object.keys(TIME_RANGES) as [string, ...string[]]),
    until: z.number().int().nonnegative().optional(),
  }),
  listGlossary: none,
  saveGlossaryEntry: GlossaryEntrySchema,
  deleteGlossaryEntry: z.strictObject({ id: glossaryIdArg }),
  exportGlossary: glossaryExportArgs,
  importGlossary: glossaryImportArgs,
  listIncidents: none,
  getIncident: incidentIdArgs,
  draftIncident: draftIncidentArgs,
  createIncident: createIncidentArgs,
  applyIncidentCommand: applyIncidentCommandArgs,
  composeIncidentMessage: composeMessageArgs,
  getPlaybook: none,
  importPlaybook: importPlaybookArgs,
  exportPlaybook: none,
  getPostmortem: postmortemArgs,
  savePostmortem: savePostmortemArgs,
  exportPostmortem: exportPostmortemArgs,
  getIncidentReport: reportArgs,
  exportIncidentReport: reportArgs,
  ...INVENTORY_ARG_SCHEMAS,
} satisfies Record<MethodName, z.ZodType>;
