// One row of an import file on its way in: the raw value to validate, or why it could not even
// be read. Shared by the JSON and CSV readers and the import planner.
import type { GlossaryRejectionCode } from '../../../shared/glossary-contract';

export interface ImportCandidate {
  /** 1-based: position in a JSON file, spreadsheet row in a CSV file. */
  row: number;
  /** The entry as read, not yet validated. Absent when the row could not be read. */
  value?: unknown;
  /** Set when the row is already known to be bad. */
  error?: { code: GlossaryRejectionCode; message: string; field?: string };
}
