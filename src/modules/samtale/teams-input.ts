/**
 * What the samtale's Teams routes read and say outside the routes themselves: the chat commands,
 * the help text, the fixed replies, and the card data each route accepts (zod), with which typed
 * inputs a conversation command consumes.
 */
import { z } from 'zod';
import type { Capability } from '../../cards/help-card.js';
import type { CardValues } from './cards/shared.js';
import { SAMTALE_TEXT } from './samtale-service.js';

/** «start medarbeidersamtale», optionally «med <navn>». */
export const START_COMMAND = /^\s*start(?:e)?\s+(?:en\s+|ny\s+)?medarbeidersamtale(?:n)?(?:\s+med\s+(.{1,100}?))?\s*[.!]?\s*$/i;
/** «medarbeidersamtale», «mine samtaler» and close variants: the list to resume from. */
export const LIST_COMMAND = /^\s*(?:(?:mine\s+)?medarbeidersamtaler?|mine\s+samtaler|min\s+medarbeidersamtale|medarbeidersamtalen\s+min)\s*[.!?]?\s*$/i;

/** «samtaleoversikt» and close variants: the leader's reports this year, or HR's counts per unit. */
export const OVERVIEW_COMMAND = /^\s*(?:samtaleoversikt(?:en)?|medarbeidersamtaleoversikt(?:en)?|oversikt(?:en)?\s+over\s+(?:medarbeider)?samtale(?:r|ne)?)\s*[.!?]?\s*$/i;

export const SAMTALE_CAPABILITY: Capability = {
  title: 'Medarbeidersamtale',
  text: 'Ledere skriver «start medarbeidersamtale med» og navnet. Begge forbereder seg i kort, én del om gangen, og får referatet her. Skriv «mine samtaler» for å fortsette der du slapp. «samtaleoversikt» viser lederen status for sine medarbeidere i år, og HR antall per enhet.',
};

/** «samtaleoversikt» from someone who is neither a leader nor HR. */
export const OVERVIEW_REFUSED_TEXT = SAMTALE_TEXT.overviewRefused;

/** A card whose data does not parse: old, incomplete or tampered with. */
export const SAMTALE_STALE_TEXT = 'Jeg forsto ikke svaret fra kortet – det kan være utdatert eller endret. Ingenting er lagret. Skriv «mine samtaler» for å åpne samtalen på nytt.';
export const DUPLICATE_TEXT = 'Dette var allerede lagret – trykket du to ganger? Ingenting er lagret på nytt.';

const id = z.string().min(1).max(100);
const version = z.number().int().min(1).max(10_000_000);
const index = z.number().int().min(0).max(50);
const text = z.string().max(5000).optional();

export const schemas = {
  reports: z.object({ page: z.number().int().min(0).max(1000).optional() }),
  page: z.object({ page: z.number().int().min(0).max(1000).optional() }),
  pick: z.object({ employeeId: id }),
  start: z.object({ employeeId: id, date: z.string().max(40).optional() }),
  mine: z.object({}),
  open: z.object({ samtaleId: id }),
  section: z.object({ samtaleId: id, sectionId: id.optional() }),
  save: z.object({ samtaleId: id, version, sectionId: id, go: id }),
  step: z.object({ samtaleId: id, version }),
  carry: z.object({ samtaleId: id, version, fromSamtaleId: id }),
  conduct: z.object({ samtaleId: id, index: index.optional() }),
  note: z.object({ samtaleId: id, version, index, visibility: z.enum(['shared', 'private']), sectionId: id.optional(), noteText: text }),
  action: z.object({ samtaleId: id, version, index, actionWhat: text, actionOwner: z.string().max(100).optional(), actionDue: z.string().max(40).optional() }),
  devplan: z.object({ samtaleId: id, version, index, devWhat: text, devCompetence: z.string().max(100).optional() }),
  previous: z.object({ samtaleId: id, version, index, actionId: id, decision: z.enum(['close', 'carry']) }),
  remove: z.object({ samtaleId: id, version, index, itemId: id }),
  referat: z.object({ samtaleId: id, version, index: index.optional(), summary: text }),
  confirm: z.object({ samtaleId: id, version, confirmComment: text, referat: z.string().max(100).optional(), shownAt: z.string().max(40).optional() }),
  comment: z.object({ samtaleId: id, version, commentText: text }),
  complete: z.object({ samtaleId: id, version, actionId: id }),
  reschedule: z.object({ samtaleId: id, version, date: z.string().max(40).optional() }),
};

/** The conversation card's inputs each command saves (and so clears); the rest is kept as typed. */
export const CONSUMED: Record<'note' | 'action' | 'devplan' | 'previous' | 'remove', readonly string[]> = {
  note: ['noteText'],
  action: ['actionWhat', 'actionOwner', 'actionDue'],
  devplan: ['devWhat', 'devCompetence'],
  previous: [],
  remove: [],
};

/** The typed inputs of a card submit (not the action's own data), without the ones just saved. */
export function keptValues(raw: CardValues, consumed: readonly string[]): CardValues {
  const inputs = ['noteText', 'actionWhat', 'actionOwner', 'actionDue', 'devWhat', 'devCompetence', 'summary'];
  return Object.fromEntries(Object.entries(raw).filter(([k, v]) => inputs.includes(k) && !consumed.includes(k) && typeof v === 'string' && v !== ''));
}
