/**
 * HR edits the årshjul with cards. The shipped YAML file stays the default; HR's version is a
 * whole årshjul document in the key/value store (`arshjul.calendar`), validated with the same
 * schema and cross-checks as the file (calendar.ts) before anything is saved. At start a stored
 * document overrides the file; an invalid one is refused (logged by count, the file is used, and
 * HR is told when opening the editor).
 *
 * Two HR advisers at once: every card carries the version it was made from (the stored eTag, or
 * `file` while nothing is stored). A save from an older version is refused – checked under a
 * lock in this process and, for the store, with `expectedETag`. The running service reads
 * {@link ArshjulEditor.current} at every use, so a saved change applies without a restart.
 */
import { invalidDayReason } from '../../texts/index.js';
import type { KeyValueRepository } from '../../storage/ports/kv.js';
import { ConcurrencyError } from '../../storage/ports/errors.js';
import type { Clock } from '../../shared/dates.js';
import type { Logger } from '../../logging/logger.js';
import type { OrgDirectory } from '../org/model.js';
import type { Refusal } from './model.js';
import {
  type ArshjulCalendar,
  type ArshjulDocument,
  type ArshjulDocumentEvent,
  type KnowledgeIds,
  validateArshjulDocument,
} from './calendar.js';
import { type EventForm, eventFromForm, eventIdFrom, type FieldErrors, fieldErrors } from './editor-form.js';
import { z } from 'zod';

// The form lives in editor-form.ts; re-exported for the callers that name it with the editor.
export { eventFormSchema, eventIdFrom, formOf, monthDayText, monthDayValue } from './editor-form.js';
export type { EventForm, FieldErrors } from './editor-form.js';

/** Where HR's version of the årshjul is stored. */
export const ARSHJUL_CALENDAR_KEY = 'arshjul.calendar';
/** The version of a card made while no edited årshjul is stored (the file applies). */
export const FILE_VERSION = 'file';

export const EDITOR_TEXT = {
  notHr: 'Bare HR kan endre årshjulet. Skriv «Hva skjer i årshjulet nå?» for å se hva som gjelder deg.',
  unknownViewer: 'Jeg finner deg ikke i organisasjonsoversikten. Ta kontakt med HR for å bli lagt inn.',
  conflict: 'Årshjulet ble endret av noen andre – last inn på nytt. Ingenting av det du gjorde nå, ble lagret.',
  unknownEvent: 'Denne hendelsen finnes ikke lenger i årshjulet. Listen under er lastet inn på nytt.',
  lastEvent: 'Årshjulet må ha minst én hendelse, så den siste kan ikke slettes.',
  storedRejected:
    'Det lagrede årshjulet var ugyldig da boten startet, så standardårshjulet fra datafilen brukes nå. Endringer du lagrer nå, erstatter det ugyldige.',
} as const;

/** A stored edited årshjul: the document and who saved it when (ids only). */
const storedSchema = z.object({
  document: z.record(z.unknown()),
  savedAt: z.string(),
  savedBy: z.string(),
});

const events = (doc: ArshjulDocument) => (Array.isArray(doc.events) ? doc.events : []) as ArshjulDocumentEvent[];

/** The event with this id in the editor's document, if it is still there. */
export function eventById(state: EditorState, id: string): ArshjulDocumentEvent | undefined {
  return events(state.document).find((e) => e.id === id);
}

export interface EditorState {
  /** Where the årshjul in use comes from. */
  origin: 'file' | 'stored';
  /** A stored årshjul was found invalid at start and refused. */
  storedRejected: boolean;
  version: string;
  document: ArshjulDocument;
  calendar: ArshjulCalendar;
}

export type SaveOutcome =
  | { ok: true; eventId: string; created: boolean; state: EditorState }
  | { ok: false; code: 'invalid'; errors: FieldErrors; state: EditorState; event?: ArshjulDocumentEvent }
  | { ok: false; code: 'conflict'; reason: string; state: EditorState }
  | Refusal;

export type RemoveOutcome = { ok: true; title: string; state: EditorState } | { ok: false; code: 'conflict' | 'not-found' | 'invalid'; reason: string; state: EditorState } | Refusal;
export type ResetOutcome = { ok: true; state: EditorState } | { ok: false; code: 'conflict'; reason: string; state: EditorState } | Refusal;

export interface ArshjulEditor {
  /** The årshjul in use now: HR's saved version, or the file. */
  current(): ArshjulCalendar;
  /** Re-reads the stored version (another instance may have saved); before each reminder planning run. */
  refresh(): Promise<void>;
  /** May this person edit the årshjul (HR)? */
  canEdit(employeeId: string): boolean;
  /** The editor's view for HR (re-read from the store, so another instance's save shows). */
  open(employeeId: string): Promise<{ ok: true; state: EditorState } | Refusal>;
  /** Saves one event (new when `form.eventId` is empty) if the whole årshjul still validates. */
  saveEvent(employeeId: string, form: EventForm): Promise<SaveOutcome>;
  /** Deletes one event. */
  removeEvent(employeeId: string, eventId: string, version: string): Promise<RemoveOutcome>;
  /** «Tilbakestill til standard årshjul»: removes HR's version; the file applies again. */
  reset(employeeId: string, version: string): Promise<ResetOutcome>;
}

export interface ArshjulEditorDeps {
  kv: KeyValueRepository;
  /** The shipped file, already validated. */
  defaults: { document: ArshjulDocument; calendar: ArshjulCalendar };
  kb?: KnowledgeIds;
  org: { directory(): OrgDirectory };
  clock: Clock;
  logger: Logger;
}

/** Label of the stored version in validation messages (logs only). */
const STORED_LABEL = 'lagret årshjul';

// ---------------------------------------------------------------------------------------------

/** Loads HR's stored årshjul (if any and valid) over the file, and returns the editor. */
export async function createArshjulEditor(deps: ArshjulEditorDeps): Promise<ArshjulEditor> {
  const log = deps.logger.child('arshjul.editor');
  // One change at a time in this process: read, compare the version, write.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
  let state: EditorState = { origin: 'file', storedRejected: false, version: FILE_VERSION, document: deps.defaults.document, calendar: deps.defaults.calendar };

  /** Takes the stored version when it validates; otherwise the file, and says so once. */
  async function load(): Promise<EditorState> {
    const stored = (await deps.kv.read([ARSHJUL_CALENDAR_KEY])).get(ARSHJUL_CALENDAR_KEY);
    if (!stored) {
      if (state.origin === 'stored' || state.version !== FILE_VERSION) log.info({ key: ARSHJUL_CALENDAR_KEY }, 'arshjul.editor.file');
      state = { origin: 'file', storedRejected: false, version: FILE_VERSION, document: deps.defaults.document, calendar: deps.defaults.calendar };
      return state;
    }
    if (stored.eTag === state.version) return state;
    const parsed = storedSchema.safeParse(stored.value);
    const result = parsed.success ? validateArshjulDocument(parsed.data.document, deps.kb, STORED_LABEL) : undefined;
    if (!parsed.success || !result?.ok) {
      const problems = parsed.success ? (result && !result.ok ? result.error.problems.length : 0) : parsed.error.issues.length;
      log.warn({ key: ARSHJUL_CALENDAR_KEY, problems }, 'arshjul.editor.stored.invalid: using the årshjul file');
      // The stored eTag is this state's version: a save replaces the invalid copy, a stale card still conflicts.
      state = { origin: 'file', storedRejected: true, version: stored.eTag, document: deps.defaults.document, calendar: deps.defaults.calendar };
      return state;
    }
    state = { origin: 'stored', storedRejected: false, version: stored.eTag, document: parsed.data.document as ArshjulDocument, calendar: result.calendar };
    log.info({ key: ARSHJUL_CALENDAR_KEY, events: state.calendar.events.length }, 'arshjul.editor.stored');
    return state;
  }

  await load();

  const isHr = (employeeId: string) => {
    const dir = deps.org.directory();
    return !!dir.employee(employeeId) && dir.hasRole(employeeId, 'hr');
  };
  const refuse = (employeeId: string): Refusal | undefined => {
    if (!deps.org.directory().employee(employeeId)) return { ok: false, code: 'forbidden', reason: EDITOR_TEXT.unknownViewer };
    return isHr(employeeId) ? undefined : { ok: false, code: 'forbidden', reason: EDITOR_TEXT.notHr };
  };

  /** Saves the document if `version` is still current. Runs under the lock. */
  async function write(document: Record<string, unknown>, version: string, employeeId: string): Promise<'ok' | 'conflict'> {
    const stored = (await deps.kv.read([ARSHJUL_CALENDAR_KEY])).get(ARSHJUL_CALENDAR_KEY);
    if ((stored?.eTag ?? FILE_VERSION) !== version) return 'conflict';
    try {
      await deps.kv.write([
        {
          key: ARSHJUL_CALENDAR_KEY,
          value: { document, savedAt: deps.clock.now().toISOString(), savedBy: employeeId },
          ...(stored ? { expectedETag: stored.eTag } : {}),
        },
      ]);
    } catch (err) {
      if (err instanceof ConcurrencyError) return 'conflict';
      throw err;
    }
    return 'ok';
  }

  return {
    current: () => state.calendar,
    refresh: async () => {
      await serial(load);
    },
    canEdit: isHr,

    async open(employeeId) {
      const refusal = refuse(employeeId);
      if (refusal) return refusal;
      return { ok: true, state: await serial(load) };
    },

    async saveEvent(employeeId, form) {
      const refusal = refuse(employeeId);
      if (refusal) return refusal;
      return serial(async (): Promise<SaveOutcome> => {
        const now = await load();
        if (form.version !== now.version) {
          log.info({ eventId: form.eventId || undefined }, 'arshjul.editor.conflict');
          return { ok: false, code: 'conflict', reason: EDITOR_TEXT.conflict, state: now };
        }
        const list = events(now.document);
        const index = form.eventId ? list.findIndex((e) => e.id === form.eventId) : list.length;
        if (index < 0) return { ok: false, code: 'conflict', reason: EDITOR_TEXT.unknownEvent, state: now };
        const existing = form.eventId ? list[index] : undefined;
        const id = existing?.id ?? eventIdFrom(form.title, new Set(list.map((e) => e.id)));
        const { event, errors: formErrors } = eventFromForm(form, existing, id);
        const nextEvents = [...list];
        nextEvents[index] = event as ArshjulDocumentEvent;
        const document = { ...(now.document as Record<string, unknown>), events: nextEvents };
        const result = validateArshjulDocument(document, deps.kb, STORED_LABEL);
        const errors = { ...(result.ok ? {} : fieldErrors(result.error.issues, index)), ...formErrors };
        if (Object.keys(errors).length) {
          log.info({ eventId: existing?.id, fields: Object.keys(errors).length }, 'arshjul.editor.invalid');
          return { ok: false, code: 'invalid', errors, state: now, event: existing };
        }
        if ((await write(document, form.version, employeeId)) === 'conflict') {
          return { ok: false, code: 'conflict', reason: EDITOR_TEXT.conflict, state: await load() };
        }
        const saved = await load();
        log.info({ eventId: id, created: !existing, events: saved.calendar.events.length }, 'arshjul.editor.saved');
        return { ok: true, eventId: id, created: !existing, state: saved };
      });
    },

    async removeEvent(employeeId, eventId, version) {
      const refusal = refuse(employeeId);
      if (refusal) return refusal;
      return serial(async (): Promise<RemoveOutcome> => {
        const now = await load();
        if (version !== now.version) return { ok: false, code: 'conflict', reason: EDITOR_TEXT.conflict, state: now };
        const list = events(now.document);
        const target = list.find((e) => e.id === eventId);
        if (!target) return { ok: false, code: 'not-found', reason: EDITOR_TEXT.unknownEvent, state: now };
        if (list.length === 1) return { ok: false, code: 'invalid', reason: EDITOR_TEXT.lastEvent, state: now };
        const document = { ...(now.document as Record<string, unknown>), events: list.filter((e) => e.id !== eventId) };
        const result = validateArshjulDocument(document, deps.kb, STORED_LABEL);
        if (!result.ok) return { ok: false, code: 'invalid', reason: result.error.problems.join(' '), state: now };
        if ((await write(document, version, employeeId)) === 'conflict') return { ok: false, code: 'conflict', reason: EDITOR_TEXT.conflict, state: await load() };
        const saved = await load();
        log.info({ eventId, events: saved.calendar.events.length }, 'arshjul.editor.removed');
        return { ok: true, title: target.title, state: saved };
      });
    },

    async reset(employeeId, version) {
      const refusal = refuse(employeeId);
      if (refusal) return refusal;
      return serial(async (): Promise<ResetOutcome> => {
        const now = await load();
        if (version !== now.version) return { ok: false, code: 'conflict', reason: EDITOR_TEXT.conflict, state: now };
        await deps.kv.delete([ARSHJUL_CALENDAR_KEY]);
        const saved = await load();
        log.info({ events: saved.calendar.events.length }, 'arshjul.editor.reset');
        return { ok: true, state: saved };
      });
    },
  };
}
