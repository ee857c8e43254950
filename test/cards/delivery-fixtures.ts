import type { AdaptiveCardJson } from '../../src/cards/define-card.js';
import { renderInstallRequest, renderInstallStatus } from '../../src/modules/delivery/cards.js';

const people = Array.from({ length: 10 }, (_, i) => ({ employeeId: `${1000 + i}`, name: `Per [${i}] Olsen_*`, title: 'Lektor', unitName: 'Nordby skole' }));

/** Rendered fixtures of the delivery module's templates, for test/cards/templates.test.ts. */
export const deliveryFixtures: Record<string, () => AdaptiveCardJson[]> = {
  'install-status': () => [
    renderInstallStatus({ total: 12_573, reachable: 12_000, missing: 573, page: 1, pages: 58, people }),
    renderInstallStatus({ total: 12_573, reachable: 12_000, missing: 573, page: 58, pages: 58, people: people.slice(0, 3) }, { downloadUrl: 'http://127.0.0.1:3978/api/downloads/abc' }),
    renderInstallStatus({ total: 8, reachable: 8, missing: 0, page: 1, pages: 1, people: [] }),
  ],
  'install-request': () => [
    renderInstallRequest({ names: ['Ahmed Ali'], installUrl: 'https://teams.microsoft.com/l/app/65952bd3-d84d-4cb5-bb17-e88df2c6169e', reason: 'Ahmed Ali har ikke åpnet Kompetansebot ennå og fikk ikke invitasjonen.' }),
    renderInstallRequest({ names: [] }),
  ],
};
