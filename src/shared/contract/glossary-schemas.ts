import { z } from 'zod';
import { GlossaryEntrySchema } from '../glossary';
import { glossaryExportArgs, glossaryIdArg, glossaryImportArgs } from '../glossary-contract';
import type { GlossaryApi } from './glossary-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

export const GLOSSARY_ARG_SCHEMAS = {
  listGlossary: noArgument,
  saveGlossaryEntry: GlossaryEntrySchema,
  deleteGlossaryEntry: z.strictObject({ id: glossaryIdArg }),
  exportGlossary: glossaryExportArgs,
  importGlossary: glossaryImportArgs,
} satisfies ArgSchemas<GlossaryApi>;
