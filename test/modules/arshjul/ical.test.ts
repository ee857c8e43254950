import { describe, expect, it } from 'vitest';
import { arshjulToIcs, escapeText, foldLine } from '../../../src/modules/arshjul/ical.js';
import { TEST_ARSHJUL_YML, testCalendar } from './fixtures.js';

// ---------------------------------------------------------------------------------------------
// A tiny RFC 5545 reader for the tests: unfold, split properties, unescape TEXT.

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}
interface Component {
  type: string;
  props: Prop[];
  children: Component[];
}

function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

function parseLine(line: string): Prop {
  const colon = line.indexOf(':');
  const [name, ...params] = line.slice(0, colon).split(';');
  return { name: name!, params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])), value: line.slice(colon + 1) };
}

function parseIcs(text: string): Component {
  const stack: Component[] = [{ type: 'ROOT', props: [], children: [] }];
  for (const line of unfold(text)) {
    const p = parseLine(line);
    if (p.name === 'BEGIN') {
      const c = { type: p.value, props: [], children: [] };
      stack[stack.length - 1]!.children.push(c);
      stack.push(c);
    } else if (p.name === 'END') {
      expect(stack.pop()!.type).toBe(p.value);
    } else stack[stack.length - 1]!.props.push(p);
  }
  expect(stack).toHaveLength(1);
  return stack[0]!.children[0]!;
}

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const prop = (c: Component, name: string) => c.props.find((p) => p.name === name);
const events = (cal: Component) => cal.children.filter((c) => c.type === 'VEVENT');
const byUid = (cal: Component, prefix: string) => events(cal).find((e) => prop(e, 'UID')!.value.startsWith(prefix))!;

/** Resolves a local DATE-TIME with the file's own VTIMEZONE: the latest observance starting before it. */
function resolveLocal(cal: Component, local: string): string {
  const tz = cal.children.find((c) => c.type === 'VTIMEZONE')!;
  const observances = tz.children.map((o) => ({ start: prop(o, 'DTSTART')!.value, to: prop(o, 'TZOFFSETTO')!.value })).sort((a, b) => a.start.localeCompare(b.start));
  const active = observances.filter((o) => o.start <= local).pop()!;
  const sign = active.to.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(active.to.slice(1, 3)) * 60 + Number(active.to.slice(3, 5))) * 60_000;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(local)!;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - offsetMs).toISOString();
}

const generatedAt = new Date('2026-11-23T10:00:00Z');

describe('iCalendar text rules', () => {
  it('When text has commas, semicolons, backslashes and newlines, then they are escaped and read back unchanged', () => {
    const original = 'Plan; godkjenning, MBM\nSe C:\\mappe';
    expect(escapeText(original)).toBe('Plan\\; godkjenning\\, MBM\\nSe C:\\\\mappe');
    expect(unescapeText(escapeText(original))).toBe(original);
  });

  it('When a line is longer than 75 octets and has æøå, then it is folded without splitting a character and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Årshjulet for kompetansearbeidet – æøå ÆØÅ – '.repeat(6)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(4);
    for (const l of physical) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    for (const l of physical.slice(1)) expect(l.startsWith(' ')).toBe(true);
    expect(physical.join('').includes('\uFFFD')).toBe(false);
    expect(unfold(folded)).toEqual([line]);
  });
});

describe('the årshjul as .ics', () => {
  const yml = TEST_ARSHJUL_YML.replace('title: Vårfrist for HR', 'title: "Vårfrist; HR, lønn og \\\\ skråstrek"').replace(
    'description: HR leverer, én gang for alle i HR.',
    'description: "HR leverer, én gang for alle i HR.\\nAndre linje; med semikolon."',
  );
  const calendar = testCalendar(yml);
  const text = arshjulToIcs(calendar, 2027, { generatedAt, details: () => ['', 'Ansvarlig: ledere'] });
  const cal = parseIcs(text);

  it('When exported, then every line ends in CRLF, no physical line exceeds 75 octets, and it is one VCALENDAR', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(/[^\r]\n/.test(text)).toBe(false);
    for (const l of text.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(cal.type).toBe('VCALENDAR');
    expect(prop(cal, 'VERSION')?.value).toBe('2.0');
    expect(prop(cal, 'PRODID')).toBeDefined();
  });

  it('When a summary and description hold special characters, then they parse back to the original text', () => {
    const e = byUid(cal, 'var-frist-2027-04-01');
    expect(unescapeText(prop(e, 'SUMMARY')!.value)).toBe('Vårfrist; HR, lønn og \\ skråstrek');
    expect(unescapeText(prop(e, 'DESCRIPTION')!.value)).toBe('HR leverer, én gang for alle i HR.\nAndre linje; med semikolon.\n\nAnsvarlig: ledere');
  });

  it('When an event has a time of day, then DTSTART carries TZID=Europe/Oslo and the VTIMEZONE gives the right UTC instant on both sides of DST', () => {
    const spring = byUid(cal, 'var-frist-2027-04-01');
    const start = prop(spring, 'DTSTART')!;
    expect(start.params).toEqual({ TZID: 'Europe/Oslo' });
    expect(start.value).toBe('20270401T120000');
    expect(resolveLocal(cal, start.value)).toBe('2027-04-01T10:00:00.000Z');
    const autumn = byUid(cal, 'host-frist-2027-10-28');
    expect(resolveLocal(cal, prop(autumn, 'DTSTART')!.value)).toBe('2027-10-28T10:00:00.000Z'); // still summer time (change 31 Oct 2027)
    expect(resolveLocal(cal, '20271101T120000')).toBe('2027-11-01T11:00:00.000Z');
    const tz = cal.children.find((c) => c.type === 'VTIMEZONE')!;
    expect(prop(tz, 'TZID')?.value).toBe('Europe/Oslo');
    const daylight2027 = tz.children.find((o) => o.type === 'DAYLIGHT' && prop(o, 'DTSTART')!.value.startsWith('2027'))!;
    expect([prop(daylight2027, 'DTSTART')!.value, prop(daylight2027, 'TZOFFSETFROM')!.value, prop(daylight2027, 'TZOFFSETTO')!.value]).toEqual(['20270328T020000', '+0100', '+0200']);
  });

  it('When an event has no time of day, then it is whole days with DATE values and does not block the calendar', () => {
    const plan = byUid(cal, 'plan-mbm-2027-03-31');
    expect(prop(plan, 'DTSTART')).toMatchObject({ params: { VALUE: 'DATE' }, value: '20270101' });
    expect(prop(plan, 'DTEND')).toMatchObject({ params: { VALUE: 'DATE' }, value: '20270401' });
    expect(prop(plan, 'TRANSP')?.value).toBe('TRANSPARENT');
  });

  it('When a window crosses New Year, then both occurrences touching the year are exported with their own dates', () => {
    const winter = events(cal).filter((e) => prop(e, 'UID')!.value.startsWith('vinter-'));
    expect(winter.map((e) => [prop(e, 'DTSTART')!.value, prop(e, 'DTEND')!.value])).toEqual([
      ['20261201', '20270201'],
      ['20271201', '20280201'],
    ]);
  });

  it('When the file is made again later, then every UID is the same and unique, so a calendar updates instead of duplicating', () => {
    const again = parseIcs(arshjulToIcs(calendar, 2027, { generatedAt: new Date('2027-02-01T10:00:00Z') }));
    const uids = events(cal).map((e) => prop(e, 'UID')!.value);
    expect(new Set(uids).size).toBe(uids.length);
    expect(events(again).map((e) => prop(e, 'UID')!.value)).toEqual(uids);
    expect(events(cal).every((e) => prop(e, 'DTSTAMP')!.value === '20261123T100000Z')).toBe(true);
  });
});
