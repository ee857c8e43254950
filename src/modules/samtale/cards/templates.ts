/** The samtale's card templates (cards/samtale-*.json), each bound to its data schema. */
import { z } from 'zod';
import { defineCard as defineTemplate } from '../../../cards/define-card.js';
import { markdownSafeDefinition } from '../../../texts/index.js';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

export const notice = z.object({ style: z.enum(['default', 'good', 'attention', 'warning', 'accent']), text: z.string() });
export type Notice = z.infer<typeof notice>;
export const NO_NOTICE: Notice = { style: 'default', text: '' };
export const line = z.object({ line: z.string() });

export const messageCard = defineCard(
  'samtale-message',
  z.object({
    heading: z.string(),
    text: z.string(),
    detail: z.string(),
    style: z.enum(['default', 'good', 'attention', 'warning', 'accent', 'emphasis']),
    button: z.enum(['none', 'prepare', 'open']),
    buttonTitle: z.string(),
    samtaleId: z.string(),
    showMine: z.boolean(),
  }),
);

export const reportsCard = defineCard(
  'samtale-reports',
  z.object({
    heading: z.string(),
    intro: z.string(),
    notice,
    rows: z.array(z.object({ name: z.string(), detail: z.string(), employeeId: z.string(), samtaleId: z.string() })),
    pageText: z.string(),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevPage: z.number().int(),
    nextPage: z.number().int(),
  }),
);

export const startCard = defineCard(
  'samtale-start',
  z.object({ heading: z.string(), intro: z.string(), notice, employeeId: z.string(), date: z.string(), minDate: z.string(), dateError: z.string() }),
);

export const rescheduleCard = defineCard(
  'samtale-reschedule',
  z.object({
    heading: z.string(),
    intro: z.string(),
    notice,
    samtaleId: z.string(),
    version: z.number().int(),
    date: z.string(),
    minDate: z.string(),
    dateError: z.string(),
  }),
);

export const cancelCard = defineCard(
  'samtale-cancel',
  z.object({ heading: z.string(), text: z.string(), detail: z.string(), samtaleId: z.string(), version: z.number().int() }),
);

export const mineCard = defineCard(
  'samtale-mine',
  z.object({
    emptyText: z.string(),
    moreText: z.string(),
    isLeader: z.boolean(),
    rows: z.array(z.object({ title: z.string(), detail: z.string(), samtaleId: z.string() })),
  }),
);

export const prepareCard = defineCard(
  'samtale-prepare',
  z.object({
    kicker: z.string(),
    samtaleId: z.string(),
    version: z.number().int(),
    sectionId: z.string(),
    sectionTitle: z.string(),
    progressText: z.string(),
    intro: z.string(),
    notice,
    questions: z.array(z.object({ inputId: z.string(), label: z.string(), value: z.string(), error: z.string() })),
    previousActions: z.array(line),
    privacyText: z.string(),
    hasNext: z.boolean(),
    nextSectionId: z.string(),
    hasPrev: z.boolean(),
    prevSectionId: z.string(),
  }),
);

export const overviewCard = defineCard(
  'samtale-overview',
  z.object({
    kicker: z.string(),
    heading: z.string(),
    samtaleId: z.string(),
    /** An earlier samtale, ended at a leader change, whose own draft the employee may carry over ('' = none). */
    carryFrom: z.string(),
    carryText: z.string(),
    version: z.number().int(),
    notice,
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    guide: z.string(),
    blockers: z.array(z.object({ text: z.string() })),
    /** The viewer's own answers, while the preparation can still be changed («Se over»). */
    myAnswers: z.array(z.object({ title: z.string(), text: z.string() })),
    showReferat: z.boolean(),
    referat: z.object({
      summary: z.string(),
      notes: z.array(z.object({ text: z.string() })),
      actions: z.array(z.object({ line: z.string(), actionId: z.string(), canComplete: z.boolean(), samtaleId: z.string(), version: z.number().int() })),
      devPlan: z.array(line),
      previous: z.array(line),
      comments: z.array(line),
      status: z.string(),
    }),
    canPrepare: z.boolean(),
    prepareTitle: z.string(),
    canSubmit: z.boolean(),
    canBegin: z.boolean(),
    canConduct: z.boolean(),
    canConfirm: z.boolean(),
    referatToken: z.string(),
    shownAt: z.string(),
    canComment: z.boolean(),
    canExport: z.boolean(),
    canReopen: z.boolean(),
    canReschedule: z.boolean(),
    canCancel: z.boolean(),
    values: z.object({ confirmComment: z.string(), commentText: z.string() }),
    errors: z.object({ confirmComment: z.string(), commentText: z.string() }),
    downloadText: z.string(),
  }),
);

export const item = z.object({ id: z.string(), line: z.string() });
export const choice = z.object({ title: z.string(), value: z.string() });
export const conductCard = defineCard(
  'samtale-conduct',
  z.object({
    kicker: z.string(),
    samtaleId: z.string(),
    version: z.number().int(),
    index: z.number().int(),
    sectionId: z.string(),
    sectionTitle: z.string(),
    progressText: z.string(),
    notice,
    employeeLabel: z.string(),
    leaderLabel: z.string(),
    questions: z.array(z.object({ text: z.string(), employeeAnswer: z.string(), leaderAnswer: z.string() })),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevIndex: z.number().int(),
    nextIndex: z.number().int(),
    notes: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
    previous: z.array(z.object({ actionId: z.string(), inputId: z.string(), line: z.string() })),
    actions: z.array(item),
    devPlan: z.array(item),
    owners: z.array(choice),
    suggestions: z.array(choice),
    blockers: z.array(z.object({ text: z.string() })),
    canSend: z.boolean(),
    values: z.object({ noteText: z.string(), actionWhat: z.string(), actionOwner: z.string(), actionDue: z.string(), devWhat: z.string(), devCompetence: z.string(), summary: z.string() }),
    errors: z.object({ noteText: z.string(), what: z.string(), ownerEmployeeId: z.string(), dueDate: z.string(), devPlan: z.string(), summary: z.string(), previous: z.string() }),
  }),
);

export const fact = z.object({ title: z.string(), value: z.string() });
export const color = z.enum(['default', 'good', 'attention', 'warning', 'accent']);
export const teamCard = defineCard(
  'samtale-team',
  z.object({
    heading: z.string(),
    intro: z.string(),
    notice,
    totals: z.array(fact),
    rows: z.array(
      z.object({
        name: z.string(),
        statusLabel: z.string(),
        statusColor: color,
        detail: z.string(),
        actionsText: z.string(),
        actionsColor: color,
        employeeId: z.string(),
        samtaleId: z.string(),
      }),
    ),
    pageText: z.string(),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevPage: z.number().int(),
    nextPage: z.number().int(),
    showHr: z.boolean(),
  }),
);

export const hrCard = defineCard(
  'samtale-hr',
  z.object({
    heading: z.string(),
    intro: z.string(),
    totals: z.array(fact),
    emptyText: z.string(),
    units: z.array(z.object({ name: z.string(), line: z.string(), share: z.string() })),
    pageText: z.string(),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevPage: z.number().int(),
    nextPage: z.number().int(),
    showTeam: z.boolean(),
  }),
);
