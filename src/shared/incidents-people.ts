// The people who respond to incidents: a small list of named responders (name, team, contact)
// kept in the data folder, so the four incident roles name people instead of the OS account.
import { z } from 'zod';

export const PEOPLE_FORMAT_VERSION = 1;
export const MAX_PEOPLE = 500;

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), 'one line only');

export const PersonInputSchema = z.strictObject({
  /** Absent for a new person; the engine picks the id. */
  id: z.string().regex(/^p-[a-z0-9]{4,32}$/).optional(),
  name: oneLine(100).pipe(z.string().min(1)),
  team: oneLine(100),
  /** A phone number, messenger handle or e-mail: whatever the team calls people on. */
  contact: oneLine(200),
});
export type PersonInput = z.infer<typeof PersonInputSchema>;

export interface Person {
  id: string;
  name: string;
  team: string;
  contact: string;
}

export const PersonSchema = z.strictObject({ id: z.string().regex(/^p-[a-z0-9]{4,32}$/), name: PersonInputSchema.shape.name, team: PersonInputSchema.shape.team, contact: PersonInputSchema.shape.contact });

/** The file in the data folder, and the exported file: the same shape, so an export imports. */
export const PeopleFileSchema = z.strictObject({
  formatVersion: z.literal(PEOPLE_FORMAT_VERSION),
  people: z.array(PersonSchema).max(MAX_PEOPLE),
});
export type PeopleFile = z.infer<typeof PeopleFileSchema>;

export interface PeopleView {
  people: Person[];
  /** The OS account the engine runs as: the default for "me" until a person picks themselves. */
  osUser: string;
  /** Set when the stored list could not be read (it was set aside; the list starts empty). */
  problem: 'PEOPLE_UNREADABLE' | null;
}

export const savePersonArgs = z.strictObject({ person: PersonInputSchema });
export const deletePersonArgs = z.strictObject({ id: z.string().min(1).max(40) });
export const importPeopleArgs = z.strictObject({ content: z.string().max(1024 * 1024) });

/** Names compare without case and surrounding space: "김민수" and " 김민수 " are one person. */
export function samePersonName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}
