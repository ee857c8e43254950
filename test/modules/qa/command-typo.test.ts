import { describe, expect, it } from 'vitest';
import { KNOWN_COMMANDS, suggestCommand } from '../../../src/modules/qa/command-typo.js';
import { ARSHJUL_EDIT_COMMAND, ARSHJUL_ICS_COMMAND, ARSHJUL_NOW_COMMAND } from '../../../src/modules/arshjul/teams.js';
import { BROADCAST_COMMAND } from '../../../src/modules/broadcast/teams.js';
import { GAP_COMMAND, MUNICIPALITY_COMMAND, MY_GAP_COMMAND } from '../../../src/modules/gap/teams.js';
import { REGISTRATION_COMMAND } from '../../../src/modules/registration/teams.js';
import { INSTALL_STATUS_COMMAND } from '../../../src/modules/delivery/teams.js';
import { WHO_AM_I } from '../../../src/modules/org/teams.js';
import { LIST_COMMAND, OVERVIEW_COMMAND, START_COMMAND } from '../../../src/modules/samtale/teams-input.js';

const ROUTES = [
  /^\s*(hjelp|help|\?|meny)\s*[.!]?\s*$/i,
  ARSHJUL_NOW_COMMAND,
  ARSHJUL_ICS_COMMAND,
  ARSHJUL_EDIT_COMMAND,
  BROADCAST_COMMAND,
  GAP_COMMAND,
  MY_GAP_COMMAND,
  MUNICIPALITY_COMMAND,
  REGISTRATION_COMMAND,
  INSTALL_STATUS_COMMAND,
  WHO_AM_I,
  LIST_COMMAND,
  OVERVIEW_COMMAND,
  START_COMMAND,
];

describe('suggestCommand', () => {
  it('lists only commands that a registered route really runs', () => {
    for (const c of KNOWN_COMMANDS) expect(ROUTES.some((r) => r.test(c)), c).toBe(true);
  });

  it.each([
    ['kompetansgap', 'kompetansegap'],
    ['kompetansegapp', 'kompetansegap'],
    ['årshjull', 'årshjul'],
    ['hjlep', 'hjelp'],
    ['samtaleoversigt', 'samtaleoversikt'],
    ['Min kompetangse', 'min kompetanse'],
    ['mine samtalar', 'mine samtaler'],
  ])('«%s» → «%s»', (typed, command) => {
    expect(suggestCommand(typed)).toBe(command);
  });

  it.each([
    ['the command itself', 'kompetansegap'],
    ['a question', 'Hvilke krav stilles til en rektor?'],
    ['a domain word far from every command', 'kompetanse'],
    ['a short word', 'hei'],
    ['a long message', 'kan du vise meg kompetansegapet i enheten min for i år'],
  ])('suggests nothing for %s', (_what, typed) => {
    expect(suggestCommand(typed)).toBeUndefined();
  });
});
