import { describe, expect, it } from 'vitest';
import { renderInstallRequest } from '../../../src/modules/delivery/cards.js';
import { createReachability, teamsInstallLink } from '../../../src/modules/delivery/reachability.js';
import { cardText } from '../../helpers/bot-harness.js';

describe('reachability: can the bot reach this person', () => {
  it('When some people have no stored conversation, then they are split out (order kept, duplicates once)', async () => {
    const r = createReachability({ reachableEmployeeIds: async () => new Set(['1', '3']) });
    expect(await r.check(['3', '2', '1', '2'])).toEqual({ reachable: ['3', '1'], unreachable: ['2'] });
    expect(await r.canReach('2')).toBe(false);
    expect(await r.canReach('1')).toBe(true);
  });

  it('When the Teams app id is known, then the install card links to the app; without it, it says where to find it', () => {
    const link = teamsInstallLink('65952BD3-D84D-4CB5-BB17-E88DF2C6169E');
    expect(link).toBe('https://teams.microsoft.com/l/app/65952bd3-d84d-4cb5-bb17-e88df2c6169e');
    expect(teamsInstallLink('${{TEAMS_APP_ID}}')).toBeUndefined();
    const named = cardText(renderInstallRequest({ names: ['Ahmed Ali'], installUrl: link }));
    expect(named).toContain('Be Ahmed Ali installere Kompetansebot');
    expect(named).toContain(`[Kompetansebot i Teams](${link})`);
    expect(cardText(renderInstallRequest({ names: ['Ahmed Ali', 'Liv Berg', 'Erik Dahl'] }))).toContain('Be Ahmed Ali, Liv Berg og Erik Dahl installere Kompetansebot');
    expect(cardText(renderInstallRequest({ names: [] }))).toContain('søk etter «Kompetansebot»');
  });
});
