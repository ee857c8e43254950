/**
 * The development plan reads once: an item made from a competence suggestion is named once, on
 * the referat card and in the archive copy.
 */
import { describe, expect, it } from 'vitest';
import { renderOverview } from '../../../src/modules/samtale/cards/samtale.js';
import { devPlanLine } from '../../../src/modules/samtale/visibility.js';
import { cardText } from '../../helpers/bot-harness.js';
import { viewOf } from '../../cards/samtale-fixtures.js';
import { apply, EMPLOYEE, employee, inState, leader } from './fixtures.js';

describe('development plan lines', () => {
  it('When the item text already names its competence, then the competence is not repeated in brackets', () => {
    expect(devPlanLine({ what: 'Spesialpedagogikk', competenceName: 'Spesialpedagogikk' })).toBe('Spesialpedagogikk');
    expect(devPlanLine({ what: 'Spesialpedagogikk – videreutdanning 30 sp', competenceName: 'spesialpedagogikk' })).toBe('Spesialpedagogikk – videreutdanning 30 sp');
    expect(devPlanLine({ what: 'Kurs hos Statped', competenceName: 'Spesialpedagogikk' })).toBe('Kurs hos Statped (Spesialpedagogikk)');
    expect(devPlanLine({ what: 'Kurs hos Statped', competenceName: 'Spesialpedagogikk' }, 'kompetanse: ')).toBe('Kurs hos Statped (kompetanse: Spesialpedagogikk)');
    expect(devPlanLine({ what: 'Kurs' })).toBe('Kurs');
  });

  it('When the referat has an item picked from a suggestion, then the referat card names it once', () => {
    const open = inState('gjennomfores');
    const record = apply(open, [
      [leader, { type: 'addDevPlanItem', what: 'Veiledning', competenceId: 'veiledning' }],
      [leader, { type: 'sendReferat', summary: 'Oppsummering' }],
      [employee, { type: 'confirm' }],
    ]);
    const text = cardText(renderOverview(viewOf(record, EMPLOYEE)));
    expect(text).toContain('Veiledning');
    expect(text).not.toMatch(/Veiledning \\?\(Veiledning/);
  });
});
