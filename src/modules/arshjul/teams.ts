/**
 * Teams routes of the årshjul: «årshjul» / «Hva skjer i årshjulet nå?», the .ics link, and the
 * buttons on the årshjul cards («Ferdig», «Minn meg på igjen …»). Each handler finds out who is
 * asking, parses the card data, calls the årshjul service (which checks that the task is theirs
 * and says so politely when not) and answers with a card. A task key in card data is only a
 * request: a changed key gets a refusal, never someone else's task.
 *
 * Only the «now» intent is matched here, narrowly: a question about the årshjul's content
 * («Hva skjer i januar–mars i Bærums SKUP-årshjul?») goes on to the Q&A.
 */
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { card, cardRoutes, type Reply, text } from '../../bot/card-route.js';
import type { TeamsRouteDeps } from '../../bot/identify.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../shared/downloads.js';
import { type Clock, systemClock } from '../../shared/dates.js';
import type { Employee } from '../org/model.js';
import type { ArshjulService } from './arshjul-service.js';
import { doneNotice, renderIcsLink, renderReminder, renderWhatsNow } from './cards.js';
import { osloDate } from './due-dates.js';
import { type ArshjulEditorTeamsDeps, registerArshjulEditorRoutes } from './teams-editor.js';

const A = '(?:å|aa|a)';
const NOW = '(?:nå|no|akkurat\\s+nå|nå\\s+for\\s+tiden|for\\s+tiden|for\\s+tida|no\\s+for\\s+tida|denne\\s+måneden|denne\\s+månaden)';
const END = '\\s*[.!?]*\\s*$';
/**
 * «årshjul», «årshjulet», «vis årshjulet», «mitt årshjul», «årshjulet nå», «Hva skjer i årshjulet
 * (nå)?», «Kva skjer i årshjulet no?», «Hva skjer nå i årshjulet?», «Hva må jeg gjøre i årshjulet
 * nå?». Nothing with more words than these: those are questions for the Q&A.
 */
export const ARSHJUL_NOW_COMMAND = new RegExp(
  [
    `^\\s*(?:vis\\s+)?(?:mitt\\s+|mi\\s+|vårt\\s+)?${A}rshjul(?:et)?(?:\\s+${NOW})?${END}`,
    `^\\s*(?:hva|kva)\\s+(?:skjer(?:\\s+det)?|er\\s+aktuelt|står\\s+på|er\\s+på\\s+gang|gjelder)\\s+(?:${NOW}\\s+)?i\\s+${A}rshjulet(?:\\s+${NOW})?${END}`,
    `^\\s*(?:hva|kva)\\s+(?:må|skal)\\s+(?:jeg|eg)\\s+(?:gjøre|gjere)\\s+(?:${NOW}\\s+)?i\\s+${A}rshjulet(?:\\s+${NOW})?${END}`,
  ].join('|'),
  'i',
);

/** «årshjulet som kalender», «årshjul ics», «last ned årshjulet 2027 som kalenderfil». Group 1: the year. */
export const ARSHJUL_ICS_COMMAND = new RegExp(
  `^\\s*(?:last\\s+ned\\s+|eksporter\\s+)?${A}rshjul(?:et)?(?:\\s+(\\d{4}))?\\s+(?:som\\s+)?(?:kalender(?:fil)?|ics|\\.ics|ical|icalendar)(?:\\s+(\\d{4}))?${END}`,
  'i',
);

export const ARSHJUL_CAPABILITY: Capability = {
  title: 'Årshjulet',
  text:
    'Skriv «Hva skjer i årshjulet nå?» for det som pågår og kommer for din rolle, med «Ferdig» på oppgavene dine. ' +
    'Før hver frist får de ansvarlige en påminnelse. «årshjulet som kalender» gir en .ics-fil til Outlook. ' +
    'HR endrer hendelsene med «rediger årshjul».',
};

export const ARSHJUL_STALE_TEXT = 'Jeg forsto ikke svaret fra kortet – det kan være utdatert eller endret. Skriv «Hva skjer i årshjulet nå?» for et nytt kort.';

export interface ArshjulTeamsDeps extends TeamsRouteDeps {
  arshjul: ArshjulService;
  downloads: Downloads;
  clock?: Clock;
  /** HR's årshjul editor (cards); without it, no «rediger årshjul». */
  editor?: Pick<ArshjulEditorTeamsDeps, 'editor' | 'qaEntries' | 'documents'>;
}

/** The task key (`task`, not `key`: the Playground's card renderer cannot take a data field named `key`). */
const task = z.string().min(1).max(300);
const doneData = z.object({ task, view: z.enum(['now', 'reminder']).default('reminder') });
const snoozeData = z.object({ task, until: z.string().min(1).max(40) });
const icsData = z.object({ year: z.coerce.number().int().optional() });

/** The årshjul's commands and card actions. Register before the Q&A catch-all. */
export function registerArshjulRoutes(app: Application<AppTurnState>, deps: ArshjulTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'arshjul', stale: text(ARSHJUL_STALE_TEXT) });
  const log = deps.logger?.child('arshjul');
  const clock = deps.clock ?? systemClock;
  const { arshjul } = deps;
  const thisYear = () => osloDate(clock.now()).year;

  /** The viewer's own .ics: the next 12 months, only the events for the viewer's roles. */
  const icsAheadUrl = (employeeId: string): string | undefined => {
    const result = arshjul.exportIcsAhead(employeeId);
    return result.ok ? deps.downloads.url(deps.downloads.offer(result.file)) : undefined;
  };

  const whatsNow = async (me: Employee, notice = ''): Promise<Reply> => {
    const result = await arshjul.whatsNow(me.employeeId);
    if (!result.ok) return text(result.reason);
    const year = thisYear();
    return card(renderWhatsNow(result, { year, url: icsAheadUrl(me.employeeId) ?? '', ahead: true }, notice, { canEdit: deps.editor?.editor.canEdit(me.employeeId) ?? false }));
  };

  const icsLink = (year: number): Reply => {
    const result = arshjul.exportIcs(year);
    if (!result.ok) return text(result.reason);
    log?.info({ year }, 'arshjul.ics.link');
    return card(renderIcsLink(year, deps.downloads.url(deps.downloads.offer(result.file))));
  };

  if (deps.editor) {
    registerArshjulEditorRoutes(app, { ...deps.editor, org: deps.org, hrContact: deps.hrContact, logger: deps.logger, lookupMember: deps.lookupMember });
  }

  routes.message(ARSHJUL_NOW_COMMAND, (me) => whatsNow(me));

  routes.messagePublic(ARSHJUL_ICS_COMMAND, async ({ context }) => {
    const m = ARSHJUL_ICS_COMMAND.exec(context.activity.text ?? '');
    return icsLink(Number(m?.[1] ?? m?.[2] ?? thisYear()));
  });

  // --- card actions -----------------------------------------------------------------------------

  routes.submit(VERBS.arshjulNow, z.object({}).passthrough(), (me) => whatsNow(me));

  routes.submitPublic(VERBS.arshjulIcs, icsData, async (d) => icsLink(d.year ?? thisYear()));

  routes.execute(VERBS.arshjulDone, doneData, async (me, d) => {
    const outcome = await arshjul.markDone(me.employeeId, d.task);
    if (!outcome.ok) return text(outcome.reason);
    // From «Hva skjer nå?» the whole overview comes back with the task ticked off.
    if (d.view === 'now') return whatsNow(me, doneNotice(outcome.item, !!outcome.alreadyDone));
    return card(renderReminder(outcome.item, { key: d.task, state: 'done', alreadyDone: !!outcome.alreadyDone }));
  });

  routes.execute(VERBS.arshjulSnooze, snoozeData, async (me, d) => {
    const outcome = await arshjul.snooze(me.employeeId, d.task, d.until);
    if (!outcome.ok) return text(outcome.reason);
    return card(renderReminder(outcome.item, { key: d.task, state: 'snoozed', snoozeText: outcome.snoozeText ?? '' }));
  });
}
