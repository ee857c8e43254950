/**
 * Teams routes of «Min kompetanse»: the employee's own competence self-registration. Each
 * handler finds out who is clicking, parses the card data, makes one call to the competence
 * service and answers with a card. The employee id always comes from the Teams identity; the
 * id a card carries is only compared with it, so a card can never act for someone else.
 */
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { card, cardRoutes, type Reply, text } from '../../bot/card-route.js';
import { type TeamsRouteDeps, unknownUserText } from '../../bot/identify.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import type { Capability } from '../../cards/help-card.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../shared/downloads.js';
import type { Employee } from '../org/model.js';
import { profileSkills, type RegistrationView, renderDeleteConfirm, renderDeleted, renderExport, renderMessage, renderOverview, renderSectionForm, renderSelfAssessment } from './cards.js';
import { type CardValues, formDraft, LIST_SECTIONS, listFormErrors, listSectionInput, listSectionWithout, mobilisationFormErrors, mobilisationInput, pageOf, selfAssessmentFormErrors, selfAssessmentInput } from './form.js';
import { describeEntry } from './format.js';
import { COMPETENCE_TEXT, type MyRegistration, type RegistrationService, type SaveSectionResult } from './registration-service.js';
import { type CompetenceRegistration, MAX_ITEMS, SECTION_NAMES, SECTIONS } from './sections.js';

/** «min kompetanse», «registrer kompetanse» and their obvious variants (bokmål and nynorsk). */
export const REGISTRATION_COMMAND =
  /^\s*(?:(?:(?:vis|se|åpne|opne|endre|oppdater|oppdatere)\s+)?(?:min|mi)\s+kompetanse(?:registrering)?|kompetansen\s+(?:min|mi)|(?:registrer|registrere|registrera)\s+(?:(?:min|mi)\s+)?kompetanse(?:n)?(?:\s+(?:min|mi))?|(?:min\s+)?kompetanseregistrering(?:en)?(?:\s+(?:min|mi))?)\s*[.!?]*\s*$/i;

export const REGISTRATION_CAPABILITY: Capability = {
  title: 'Min kompetanse',
  text: 'Skriv «min kompetanse» for å registrere utdanning, erfaring, kurs, sertifikater, språk, digitale ferdigheter og egenvurdering – og for å se, laste ned eller slette det du har registrert.',
};

/** A card whose data does not parse: old, incomplete or tampered with. */
export const REGISTRATION_STALE_TEXT =
  'Jeg forsto ikke svaret fra kortet – det kan være utdatert eller endret. Ingenting er lagret. Skriv «min kompetanse» for å åpne registreringen på nytt.';

/** A card that belongs to someone else's registration (forwarded, or an id changed by hand). */
/** «Endre» pressed while a new entry is half-typed: the draft stays on the card. */
export const UNSAVED_DRAFT_TEXT =
  'Det du har skrevet i skjemaet under, er ikke lagret ennå. Trykk «Lagre» først, eller tøm feltene, før du endrer noe annet i listen.';

export const OTHER_PERSON_TEXT =
  'Dette kortet gjelder en annen persons registrering, og du kan bare se og endre din egen. Ingenting er lagret. Skriv «min kompetanse» for å åpne din.';

export interface RegistrationTeamsDeps extends TeamsRouteDeps {
  competence: RegistrationService;
  downloads: Downloads;
}

// ---------------------------------------------------------------------------------------------
// Card data

const employeeId = z.string().min(1).max(100);
const version = z.number().int().min(0).max(1_000_000);
const index = z.number().int().min(0).max(MAX_ITEMS);
/** Entries the card showed; the service validates each one again. */
const carried = z.array(z.record(z.unknown())).max(MAX_ITEMS);

const ownerData = z.object({ employeeId });
/** `draft`: the card sent the form's inputs along (paging, «Endre»), to be shown again; nothing is saved. */
const sectionData = z.object({
  employeeId,
  section: z.enum(SECTIONS),
  index: index.optional(),
  page: z.number().int().min(0).max(100).optional(),
  draft: z.boolean().optional(),
});
const exportData = z.object({ employeeId, format: z.enum(['json', 'csv']) });
const saveData = z.discriminatedUnion('section', [
  z.object({ employeeId, section: z.enum(LIST_SECTIONS), version, index, items: carried }).passthrough(),
  z.object({ employeeId, section: z.literal('mobilisation'), version }).passthrough(),
  z.object({ employeeId, section: z.literal('selfAssessment'), version, skills: z.array(z.string().min(1).max(80)).max(200) }).passthrough(),
]);
const removeData = z.object({ employeeId, section: z.enum(LIST_SECTIONS), version, index, items: carried });

const savedNotice = (text: string) => ({ style: 'good' as const, text });

export function registerRegistrationRoutes(app: Application<AppTurnState>, deps: RegistrationTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'registration', stale: text(REGISTRATION_STALE_TEXT) });
  const log = deps.logger?.child('registration');
  const { competence } = deps;
  const content = competence.content;

  const viewOf = (employee: Employee, mine: MyRegistration): RegistrationView => ({ employee, ...mine });
  /** After a save the service returns only the registration; the profile comes from the catalogue. */
  const viewAfterSave = (employee: Employee, registration: CompetenceRegistration): RegistrationView => {
    const profile = content.profileFor(employee.position);
    return { employee, registration, stored: true, ...(profile ? { profile } : {}), skillsToAssess: profileSkills(content, profile) };
  };
  const conflict = (me: Employee, section: (typeof SECTIONS)[number]) =>
    card(
      renderMessage(me.employeeId, {
        heading: 'Ikke lagret',
        text: `${COMPETENCE_TEXT.conflict}\n\nTrykket du to ganger? Da ble det første trykket lagret – åpne delen på nytt for å se det.`,
        section,
      }),
    );
  /** Outcomes every save shares: conflict and unknown employee. */
  const failed = (me: Employee, section: (typeof SECTIONS)[number], result: Exclude<SaveSectionResult, { ok: true }>): Reply | undefined => {
    if (result.code === 'conflict') return conflict(me, section);
    if (result.code === 'not-found') return text(result.errors[0]?.message ?? unknownUserText(deps.hrContact));
    return undefined;
  };

  /**
   * An Action.Execute route on the clicker's own registration: the employee id the card carries
   * must be the clicker's, or nothing happens.
   */
  function onOwnCard<S extends z.ZodType<{ employeeId: string }>>(verb: string, schema: S, handle: (me: Employee, data: z.infer<S>, raw: CardValues) => Promise<Reply>) {
    routes.execute(verb, schema, async (me, data, turn) => {
      if (data.employeeId !== me.employeeId) {
        log?.warn({ verb, employeeId: me.employeeId }, 'registration.card.otherPerson');
        return text(OTHER_PERSON_TEXT);
      }
      return handle(me, data, turn.raw as CardValues);
    });
  }

  routes.message(REGISTRATION_COMMAND, async (me) => {
    const mine = await competence.getMyRegistration(me.employeeId);
    return mine.ok ? card(renderOverview(viewOf(me, mine))) : text(mine.reason);
  });

  onOwnCard(VERBS.registrationOpen, ownerData, async (me) => {
    const mine = await competence.getMyRegistration(me.employeeId);
    return mine.ok ? card(renderOverview(viewOf(me, mine))) : text(mine.reason);
  });

  onOwnCard(VERBS.registrationSection, sectionData, async (me, data, raw) => {
    const mine = await competence.getMyRegistration(me.employeeId);
    if (!mine.ok) return text(mine.reason);
    const reg = mine.registration;
    if (data.section === 'selfAssessment') {
      return card(
        renderSelfAssessment({
          employee: me,
          version: reg.version,
          content,
          ...(mine.profile ? { profile: mine.profile } : {}),
          skills: mine.skillsToAssess,
          ratings: reg.selfAssessment,
        }),
      );
    }
    if (data.section === 'mobilisation') {
      return card(renderSectionForm({ employeeId: me.employeeId, section: 'mobilisation', version: reg.version, content, entries: [{ ...reg.mobilisation }] }));
    }
    const entries = reg[data.section] as unknown as Record<string, unknown>[];
    if (data.index !== undefined && data.index >= entries.length) {
      return card(
        renderMessage(me.employeeId, {
          heading: 'Fant ikke det du ville endre',
          text: 'Det finnes ikke lenger – kanskje det er endret eller fjernet i et annet vindu. Åpne delen på nytt for å se det som er lagret.',
          section: data.section,
        }),
      );
    }
    // What was typed into the new entry stays on the card (a draft, not saved until «Lagre»).
    const draft = data.draft ? formDraft(data.section, raw) : undefined;
    const form = { employeeId: me.employeeId, section: data.section, version: reg.version, content, entries, page: data.page ?? 0 };
    if (draft && data.index !== undefined) {
      // «Endre» would replace the half-typed new entry with another one: keep it and say why.
      return card(renderSectionForm({ ...form, values: draft, notice: { style: 'attention', text: UNSAVED_DRAFT_TEXT } }));
    }
    return card(
      renderSectionForm({
        ...form,
        ...(data.index !== undefined ? { editIndex: data.index } : {}),
        ...(draft ? { values: draft } : {}),
      }),
    );
  });

  onOwnCard(VERBS.registrationSave, saveData, async (me, data, raw) => {
    const base = { employeeId: me.employeeId, content };
    if (data.section === 'selfAssessment') {
      const { input, inputIds } = selfAssessmentInput(data.skills, raw);
      const result = await competence.saveSection(me.employeeId, 'selfAssessment', input, data.version);
      if (result.ok) return card(renderOverview(viewAfterSave(me, result.registration), { notice: savedNotice('Egenvurderingen er lagret.') }));
      const profile = content.profileFor(me.position);
      return (
        failed(me, 'selfAssessment', result) ??
        card(
          renderSelfAssessment({
            employee: me,
            version: data.version,
            content,
            ...(profile ? { profile } : {}),
            // Re-show the skills the card had, in its order.
            skills: data.skills.map((id) => content.competenceById.get(id)).filter((c) => c !== undefined),
            ratings: [],
            values: raw,
            errors: selfAssessmentFormErrors(result.errors, inputIds),
          }),
        )
      );
    }
    if (data.section === 'mobilisation') {
      const result = await competence.saveSection(me.employeeId, 'mobilisation', mobilisationInput(raw), data.version);
      if (result.ok) return card(renderOverview(viewAfterSave(me, result.registration), { notice: savedNotice(`«${SECTION_NAMES.mobilisation}» er lagret.`) }));
      return (
        failed(me, 'mobilisation', result) ??
        card(renderSectionForm({ ...base, section: 'mobilisation', version: data.version, entries: [], values: raw, errors: mobilisationFormErrors(result.errors) }))
      );
    }
    const { section, items } = data;
    if (data.index > items.length) return text(REGISTRATION_STALE_TEXT);
    const editing = data.index < items.length;
    const result = await competence.saveSection(me.employeeId, section, listSectionInput(section, raw, items, data.index), data.version);
    if (result.ok) {
      const saved = result.registration[section] as unknown as Record<string, unknown>[];
      const title = saved[data.index] ? describeEntry(section, saved[data.index]!, content).title : SECTION_NAMES[section];
      return card(
        renderSectionForm({
          ...base,
          section,
          version: result.registration.version,
          entries: saved,
          page: pageOf(data.index),
          notice: savedNotice(editing ? `Endringene i «${title}» er lagret.` : `«${title}» er lagret.`),
        }),
      );
    }
    return (
      failed(me, section, result) ??
      card(
        renderSectionForm({
          ...base,
          section,
          version: data.version,
          entries: items,
          ...(editing ? { editIndex: data.index } : {}),
          values: raw,
          errors: listFormErrors(section, result.errors, items, data.index, content),
        }),
      )
    );
  });

  onOwnCard(VERBS.registrationRemove, removeData, async (me, data) => {
    const { section, items } = data;
    if (data.index >= items.length) return text(REGISTRATION_STALE_TEXT);
    const title = describeEntry(section, items[data.index]!, content).title;
    const result = await competence.saveSection(me.employeeId, section, listSectionWithout(items, data.index), data.version);
    if (result.ok) {
      return card(
        renderSectionForm({
          employeeId: me.employeeId,
          section,
          version: result.registration.version,
          content,
          entries: result.registration[section] as unknown as Record<string, unknown>[],
          page: pageOf(data.index),
          notice: savedNotice(`«${title}» er fjernet.`),
        }),
      );
    }
    return (
      failed(me, section, result) ??
      card(
        renderMessage(me.employeeId, {
          heading: 'Ikke fjernet',
          text: `Ingenting er endret, fordi noe annet i «${SECTION_NAMES[section]}» må rettes først: ${result.errors.map((e) => e.message).join(' ')}`,
          section,
        }),
      )
    );
  });

  onOwnCard(VERBS.registrationExport, exportData, async (me, data) => {
    const result = await competence.exportMyRegistration(me.employeeId, data.format);
    if (!result.ok) return text(result.reason);
    const url = deps.downloads.url(deps.downloads.offer(result.file));
    return card(renderExport(me.employeeId, data.format, result.file, url));
  });

  onOwnCard(VERBS.registrationDelete, ownerData, async (me) => {
    const mine = await competence.getMyRegistration(me.employeeId);
    return mine.ok ? card(renderDeleteConfirm(viewOf(me, mine))) : text(mine.reason);
  });

  onOwnCard(VERBS.registrationDeleteConfirm, ownerData, async (me) => {
    const result = await competence.deleteMyRegistration(me.employeeId);
    return result.ok ? card(renderDeleted(me.employeeId, result.deleted)) : text(result.reason);
  });
}
