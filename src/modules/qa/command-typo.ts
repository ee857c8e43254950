/**
 * Mistyped commands: «kompetansgap», «årshjull», «hjlep» are not questions. A short message
 * within edit distance 2 (1 for short commands) of a known command gets «Mente du kommandoen …?»
 * instead of an unrelated article. The list is the commands the modules register (each one is
 * checked against its route's pattern in test/modules/qa/command-typo.test.ts).
 */
import { editDistance } from './search/spelling.js';

/** What a user types to run each command, as the help card teaches it. */
export const KNOWN_COMMANDS: readonly string[] = [
  'hjelp',
  'kompetansegap',
  'mitt kompetansegap',
  'kompetanseoversikt',
  'min kompetanse',
  'årshjul',
  'rediger årshjul',
  'årshjul som kalender',
  'samtaleoversikt',
  'mine samtaler',
  'medarbeidersamtaler',
  'start medarbeidersamtale',
  'send melding',
  'kunngjøring',
  'hvem er jeg',
  'installasjonsstatus',
];

/** Longest message treated as a possible command (a question is longer). */
const MAX_COMMAND_CHARS = 40;

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFC')
    .replace(/[.!?«»"']/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Allowed distance for a command of this length: 1 for short ones (hjelp), else 2. */
function budget(command: string): number {
  return command.length <= 6 ? 1 : 2;
}

/**
 * The command a message is a typo of, or undefined (also when the message is the command itself,
 * or too far from every command). Ties go to the earlier command in the list.
 */
export function suggestCommand(message: string, commands: readonly string[] = KNOWN_COMMANDS): string | undefined {
  const m = normalise(message);
  if (m.length < 4 || m.length > MAX_COMMAND_CHARS || m.split(' ').length > 4) return undefined;
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of commands) {
    const max = budget(c);
    const d = editDistance(m, c, max);
    if (d === 0) return undefined;
    if (d <= max && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
