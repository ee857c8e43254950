import { describe, expect, it } from 'vitest';
import { applySection, emptyRegistration, type RegistrationSection } from '../../../src/modules/registration/sections.js';
import { validateSection } from '../../../src/modules/registration/validation.js';
import { NOW, testContent } from './fixtures.js';

const ctx = { content: testContent(), now: NOW };
const edu = (item: Record<string, unknown>) => ({ items: [{ level: 'bachelor', field: 'Sykepleie', ...item }] });

describe('registration: each bad field gives its own Norwegian message', () => {
  it.each<[string, RegistrationSection, unknown, string, RegExp]>([
    ['education level missing', 'education', { items: [{ field: 'Sykepleie' }] }, 'items.0.level', /^Utdanningsnivå mangler\.$/],
    ['education level unknown', 'education', edu({ level: 'phd' }), 'items.0.level', /^Utdanningsnivå må være ett av: videregaende/],
    ['education field missing', 'education', edu({ field: '  ' }), 'items.0.field', /^Fag eller studium mangler\.$/],
    ['education year too early', 'education', edu({ completedYear: 1900 }), 'items.0.completedYear', /^Fullført år må være et årstall fra 1950 til 2036\.$/],
    ['education year in the future', 'education', edu({ completedYear: 2028 }), 'items.0.completedYear', /^Fullført år kan ikke være etter 2026\./],
    ['education credits not a number', 'education', edu({ credits: 'mange' }), 'items.0.credits', /^Studiepoeng må være et helt tall fra 1 til 600\.$/],
    ['education unknown competence', 'education', edu({ competenceIds: ['finnes-ikke'] }), 'items.0.competenceIds.0', /^Ukjent kompetanse «finnes-ikke»/],
    ['education names a skill', 'education', edu({ competenceIds: ['veiledning'] }), 'items.0.competenceIds.0', /er en ferdighet/],
    ['education unknown field', 'education', edu({ school: 'NTNU' }), 'items.0.school', /^Ukjent felt «school»\.$/],
    ['experience month malformed', 'experience', { items: [{ role: 'Sykepleier', from: '2019' }] }, 'items.0.from', /^Fra \(måned\) må være en måned på formen ÅÅÅÅ-MM/],
    ['experience ends before it starts', 'experience', { items: [{ role: 'Sykepleier', from: '2019-05', to: '2018-01' }] }, 'items.0.to', /^Til \(måned\) kan ikke være før fra-måneden\.$/],
    ['experience in the future', 'experience', { items: [{ role: 'Sykepleier', from: '2027-01' }] }, 'items.0.from', /fram i tid/],
    ['course date impossible', 'courses', { items: [{ name: 'HMS', completedOn: '2026-02-30' }] }, 'items.0.completedOn', /^Gjennomført dato må være en gyldig dato/],
    ['course hours too many', 'courses', { items: [{ name: 'HMS', hours: 5000 }] }, 'items.0.hours', /^Antall timer må være et helt tall fra 1 til 2000\.$/],
    ['certificate that expires has no end date', 'certifications', { items: [{ competenceId: 'sert-a' }] }, 'items.0.validUntil', /^Gyldig til mangler\. «Førstehjelp» må fornyes/],
    ['certificate valid before issued', 'certifications', { items: [{ name: 'Truck', issuedOn: '2025-05-01', validUntil: '2025-01-01' }] }, 'items.0.validUntil', /^Gyldig til kan ikke være før utstedt dato\.$/],
    ['certificate without name or type', 'certifications', { items: [{ validUntil: '2027-01-01' }] }, 'items.0.name', /^Navn mangler\./],
    ['certificate of a skill', 'certifications', { items: [{ competenceId: 'veiledning' }] }, 'items.0.competenceId', /er en ferdighet/],
    ['language level 5', 'languages', { items: [{ language: 'Norsk', level: 5 }] }, 'items.0.level', /^Nivå må være et nivå fra 1 til 4\.$/],
    ['language twice', 'languages', { items: [{ language: 'Norsk', level: 3 }, { language: 'norsk', level: 4 }] }, 'items.1.language', /^Språket «norsk» er registrert flere ganger\.$/],
    ['digital tool missing', 'digitalSkills', { items: [{ level: 2 }] }, 'items.0.tool', /^Verktøy eller system mangler\.$/],
    ['self-assessment of a formal competence', 'selfAssessment', { ratings: [{ competenceId: 'sert-a', level: 3 }] }, 'ratings.0.competenceId', /registreres som utdanning, kurs eller sertifikat/],
    ['self-assessment twice', 'selfAssessment', { ratings: [{ competenceId: 'veiledning', level: 3 }, { competenceId: 'veiledning', level: 2 }] }, 'ratings.1.competenceId', /vurdert flere ganger/],
    ['self-assessment level 0', 'selfAssessment', { ratings: [{ competenceId: 'veiledning', level: 0 }] }, 'ratings.0.level', /^Nivå må være et nivå fra 1 til 4\.$/],
    ['mobilisation note too long', 'mobilisation', { competenceIds: [], note: 'x'.repeat(1001) }, 'note', /^Beskrivelse kan ikke være lengre enn 1000 tegn\.$/],
    ['mobilisation unknown competence', 'mobilisation', { competenceIds: 'veiledning,finnes-ikke' }, 'competenceIds.1', /^Ukjent kompetanse «finnes-ikke»/],
    ['too many rows', 'languages', { items: Array.from({ length: 31 }, (_, i) => ({ language: `Språk ${i}`, level: 1 })) }, 'items', /^Du kan registrere høyst 30 språk\.$/],
    ['section not an object', 'languages', 'Norsk', '', /^Skjemaet kom uten innhold/],
  ])('When %s, then the field is named with its message', (_label, section, input, field, message) => {
    const result = validateSection(section, input, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.field === field);
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
  });

  it('When several fields in several rows are wrong, then each is reported once', () => {
    const result = validateSection(
      'education',
      { items: [{ level: 'x', field: '' }, { level: 'master', field: 'Ledelse', completedYear: 'i fjor' }] },
      ctx,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['items.0.level', 'items.0.field', 'items.1.completedYear']);
  });

  it('When a card sends text for numbers, booleans and multi-select lists, then they are read as such', () => {
    const result = validateSection(
      'education',
      { items: [{ level: 'master', field: ' Skoleledelse ', completedYear: '2030', inProgress: 'true', credits: '', competenceIds: 'utd-laerer, lederutdanning' }] },
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      value: [{ level: 'master', field: 'Skoleledelse', completedYear: 2030, inProgress: true, competenceIds: ['utd-laerer', 'lederutdanning'] }],
    });
  });

  it('When a self-assessment question is left unanswered, then it is simply left out', () => {
    const result = validateSection('selfAssessment', { ratings: [{ competenceId: 'veiledning', level: '' }, { competenceId: 'norsk', level: '2' }] }, ctx);
    expect(result).toEqual({ ok: true, value: [{ competenceId: 'norsk', level: 2 }] });
  });

  it('When a certificate is chosen from the catalogue without a name, then it gets the competence name', () => {
    const result = validateSection('certifications', { items: [{ competenceId: 'sert-a', validUntil: '2027-06-30' }] }, ctx);
    expect(result).toEqual({ ok: true, value: [{ competenceId: 'sert-a', name: 'Førstehjelp', validUntil: '2027-06-30' }] });
  });
});

describe('registration: applying a section', () => {
  it('When a section is applied, then only that section changes, the version goes up and the input is not shared', () => {
    const current = { ...emptyRegistration('e1', new Date('2026-01-01T00:00:00Z')), version: 3, languages: [{ language: 'Norsk', level: 4 }] };
    const value = [{ tool: 'Visma', level: 2 }];
    const later = new Date('2026-11-23T10:00:00Z');
    const next = applySection(current, 'digitalSkills', value, { employeeId: 'e1', now: later });
    expect(next.version).toBe(4);
    expect(next.updatedAt).toBe(later.toISOString());
    expect(next.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(next.languages).toEqual([{ language: 'Norsk', level: 4 }]);
    expect(next.digitalSkills).toEqual(value);
    value[0]!.level = 4;
    expect(next.digitalSkills[0]?.level).toBe(2);
    expect(current.version).toBe(3);
    expect(current.digitalSkills).toEqual([]);
  });

  it('When the first section is applied, then a new registration starts at version 1', () => {
    const next = applySection(undefined, 'languages', [{ language: 'Samisk', level: 2 }], { employeeId: 'e9', now: NOW });
    expect(next).toMatchObject({ employeeId: 'e9', version: 1, createdAt: NOW.toISOString(), languages: [{ language: 'Samisk', level: 2 }] });
  });
});
