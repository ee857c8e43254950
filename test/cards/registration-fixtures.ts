/**
 * Rendered fixtures of the «Min kompetanse» cards for test/cards/templates.test.ts: every state
 * each template can be in (empty, filled, with errors, full, edit, …).
 */
import { join } from 'node:path';
import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import { loadCompetenceContent } from '../../src/modules/registration/catalogue/catalogue.js';
import { profileSkills, type RegistrationView, renderDeleteConfirm, renderDeleted, renderExport, renderMessage, renderOverview, renderSectionForm, renderSelfAssessment } from '../../src/modules/registration/cards.js';
import { type FormSection, LIST_SECTIONS } from '../../src/modules/registration/form.js';
import { type CompetenceRegistration, emptyRegistration, MAX_ITEMS } from '../../src/modules/registration/sections.js';
import type { Employee } from '../../src/modules/org/model.js';
import { projectRoot } from '../../src/util/project-root.js';

const content = loadCompetenceContent(join(projectRoot, 'content'));
const now = new Date('2026-11-23T10:00:00Z');

export const employee: Employee = {
  employeeId: '10004',
  name: 'Kari Solheim',
  upn: 'kari.solheim@fjordvik.kommune.no',
  unitId: 'fjordvik-skole',
  position: { title: 'Rektor', code: '7451' },
  employmentPercent: 100,
  roles: ['leder'],
};

export const filled: CompetenceRegistration = {
  ...emptyRegistration('10004', now),
  version: 3,
  education: [
    { level: 'master', field: 'Skoleledelse', institution: 'NTNU', completedYear: 2015, credits: 120, inProgress: false, competenceIds: ['lederutdanning'] },
    { level: 'bachelor', field: 'Lærerutdanning ${ikke-mal}', inProgress: true, competenceIds: [] },
  ],
  experience: [{ role: 'Inspektør', workplace: 'Fjordvik skole', from: '2012-08', competenceIds: [] }],
  courses: [{ name: 'Førstehjelp', completedOn: '2025-03-01', hours: 8, inProgress: false, competenceIds: ['sert-forstehjelp'] }],
  certifications: [{ competenceId: 'sert-forstehjelp', name: 'Førstehjelp', issuedOn: '2025-03-01', validUntil: '2027-03-01' }, { name: 'Truckførerbevis' }],
  languages: [{ language: 'Engelsk', level: 3 }],
  digitalSkills: [{ tool: 'Visma Flyt Skole', level: 2 }],
  selfAssessment: [{ competenceId: 'ledelse-personal', level: 3 }, { competenceId: 'velferdsteknologi', level: 1 }],
  mobilisation: { competenceIds: ['veiledning'], note: 'Veileder gjerne nyutdannede.' },
};

const profile = content.profileFor(employee.position)!;
const view = (registration: CompetenceRegistration, stored: boolean): RegistrationView => ({
  employee,
  registration,
  stored,
  profile,
  skillsToAssess: profileSkills(content, profile),
});
const entriesOf = (section: (typeof LIST_SECTIONS)[number]) => filled[section] as unknown as Record<string, unknown>[];
const base = { employeeId: '10004', version: 3, content };

export const registrationFixtures: Record<string, () => AdaptiveCardJson[]> = {
  'registration-overview': () => [
    renderOverview(view(emptyRegistration('10004', now), false)),
    renderOverview(view(filled, true), { notice: { style: 'good', text: 'Egenvurderingen er lagret.' } }),
    renderOverview({ employee: { ...employee, position: { title: 'Vaktmester', code: '0000' } }, registration: filled, stored: true, skillsToAssess: [] }),
  ],
  'registration-section': () => [
    ...LIST_SECTIONS.map((section) => renderSectionForm({ ...base, section, entries: [] })),
    ...LIST_SECTIONS.map((section) => renderSectionForm({ ...base, section, entries: entriesOf(section), editIndex: 0 })),
    ...LIST_SECTIONS.map((section) => renderSectionForm({ ...base, section, entries: entriesOf(section), notice: { style: 'good', text: 'Lagret.' } })),
    renderSectionForm({
      ...base,
      section: 'education',
      entries: entriesOf('education'),
      values: { level: 'master', field: '', completedYear: 'abc', credits: '30', inProgress: 'true', competenceIds: 'utd-pedagogisk,finnes-ikke' },
      errors: { byField: { field: 'Fag eller studium mangler.', completedYear: 'Fullført år må være et årstall.' }, general: ['«Skoleledelse»: Ugyldig verdi.'] },
    }),
    renderSectionForm({
      ...base,
      section: 'courses',
      entries: [],
      values: { name: 'Kurs', completedOn: '31.02.2025' },
      errors: { byField: { completedOn: 'Gjennomført dato må være en gyldig dato på formen ÅÅÅÅ-MM-DD.' }, general: [] },
    }),
    renderSectionForm({ ...base, section: 'languages', entries: Array.from({ length: MAX_ITEMS }, (_, i) => ({ language: `Språk ${i}`, level: 2 })) }),
    renderSectionForm({ ...base, section: 'languages', entries: Array.from({ length: 25 }, (_, i) => ({ language: `Språk ${i}`, level: 2 })), page: 1 }),
    ...(['mobilisation'] as FormSection[]).flatMap((section) => [
      renderSectionForm({ ...base, section, entries: [] }),
      renderSectionForm({ ...base, section, entries: [{ ...filled.mobilisation }] }),
    ]),
  ],
  'registration-self-assessment': () => [
    renderSelfAssessment({ employee, version: 0, content, profile, skills: profileSkills(content, profile), ratings: [] }),
    renderSelfAssessment({
      employee,
      version: 3,
      content,
      profile,
      skills: profileSkills(content, profile),
      ratings: filled.selfAssessment,
      values: { 'level_ledelse-personal': '7' },
      errors: { byField: { 'level_ledelse-personal': 'Nivå må være et nivå fra 1 til 4.' }, general: [] },
    }),
    renderSelfAssessment({ employee, version: 0, content, skills: [], ratings: [] }),
  ],
  'registration-delete': () => [renderDeleteConfirm(view(filled, true)), renderDeleted('10004', true), renderDeleted('10004', false)],
  'registration-export': () => [
    renderExport('10004', 'csv', { fileName: 'min-kompetanse.csv', contentType: 'text/csv', content: '' }, 'http://127.0.0.1:3978/api/downloads/abc'),
    renderExport('10004', 'json', { fileName: 'min-kompetanse.json', contentType: 'application/json', content: '{}' }, 'http://127.0.0.1:3978/api/downloads/def'),
  ],
  'registration-message': () => [
    renderMessage('10004', { heading: 'Ikke lagret', text: 'Registreringen er endret et annet sted.', section: 'education' }),
    renderMessage('10004', { heading: 'Beskjed', text: 'Tekst.', style: 'emphasis' }),
  ],
};
