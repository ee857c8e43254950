/**
 * #12 «“Kommer snart” is shown for something 358 days away»: through the renderer of «Hva skjer i
 * årshjulet nå?». Only what starts within 30 days is «Kommer snart»; the rest is «Senere i året».
 */
import { describe, expect, it } from 'vitest';
import type { ArshjulItem, WhatsNow } from '../../../src/modules/arshjul/arshjul-service.js';
import { renderWhatsNow } from '../../../src/modules/arshjul/cards.js';
import { cardText } from '../../helpers/bot-harness.js';

const item = (over: Partial<ArshjulItem>): ArshjulItem => ({
  eventId: 'samtaler',
  occurrenceId: '2027-11-30',
  title: 'Medarbeidersamtaler',
  description: 'Alle ledere holder medarbeidersamtaler.',
  when: '1. oktober–30. november 2027',
  deadline: '2027-11-30T11:00:00.000Z',
  daysUntilStart: 358,
  deadlineText: '30. november 2027',
  daysLeft: 418,
  responsibleText: 'ledere',
  responsible: false,
  done: false,
  overdue: false,
  qa: [],
  source: { document: '001', section: 'SKUP årshjul', text: 'KS-rapport 2010 (2010), SKUP årshjul' },
  scopeText: 'Fjordvik kommunes egen rutine (etter Bærums modell)',
  ...over,
});

const ics = { year: 2027, url: 'http://127.0.0.1:3978/api/downloads/abc' };

describe('«Hva skjer i årshjulet nå?» (#12)', () => {
  it('When the next event starts in 358 days, then it is under «Senere i året», not «Kommer snart»; one in 10 days is «Kommer snart»', () => {
    const far: WhatsNow = { ok: true, roles: ['leder'], overdue: [], current: [], next: [item({})] };
    const farText = cardText(renderWhatsNow(far, ics));
    expect(farText).toContain('Medarbeidersamtaler');
    expect(farText).not.toContain('Kommer snart');
    expect(farText).toContain('Senere i året');

    const near: WhatsNow = { ...far, next: [item({ eventId: 'plan', title: 'Lokal plan', daysUntilStart: 10 })] };
    const nearText = cardText(renderWhatsNow(near, ics));
    expect(nearText).toContain('Kommer snart');
    expect(nearText).not.toContain('Senere i året');
  });
});
