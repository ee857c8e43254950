/**
 * The delivery module's card: «Installer boten for …», HR's list of employees the bot cannot
 * reach yet. Turns the use case's result into template data and nothing else.
 */
import { z } from 'zod';
import { defineCard as defineTemplate } from '../../cards/define-card.js';
import { markdownSafeDefinition } from '../../texts/index.js';
import type { InstallationStatus } from './installation-status.js';

/** This module's cards: no date at the start of a line becomes a numbered list in Teams (#12). */
const defineCard: typeof defineTemplate = (name, schema) => markdownSafeDefinition(defineTemplate(name, schema));

const installStatusCard = defineCard(
  'install-status',
  z.object({
    heading: z.string(),
    summary: z.string(),
    totalText: z.string(),
    reachableText: z.string(),
    missingText: z.string(),
    advice: z.string(),
    people: z.array(z.object({ line: z.string() })),
    pageText: z.string(),
    hasPrev: z.boolean(),
    hasNext: z.boolean(),
    prevPage: z.number().int(),
    nextPage: z.number().int(),
    page: z.number().int(),
    canExport: z.boolean(),
    downloadText: z.string(),
  }),
);

const installRequestCard = defineCard(
  'install-request',
  z.object({ heading: z.string(), intro: z.string(), message: z.string(), howTo: z.string() }),
);

const num = (n: number) => n.toLocaleString('nb-NO');
const employees = (n: number) => `${num(n)} ${n === 1 ? 'ansatt' : 'ansatte'}`;
/** Names come from the HR export: keep them from being read as Markdown. */
const plain = (s: string) => s.replace(/([\\*_[\]()#>`~|])/g, '\\$1');

export function renderInstallStatus(status: InstallationStatus, opts: { downloadUrl?: string } = {}) {
  const all = status.missing === 0;
  return installStatusCard.render({
    heading: all ? 'Alle ansatte kan nås av boten' : `Installer boten for ${employees(status.missing)}`,
    summary: all
      ? `Kompetansebot kan sende påminnelser og invitasjoner til alle ${employees(status.total)} i organisasjonsoversikten.`
      : `Kompetansebot kan sende meldinger til ${num(status.reachable)} av ${employees(status.total)}. ` +
        `${status.missing === 1 ? 'Den som står under' : 'De som står under'} har ikke åpnet boten i Teams ennå, og får derfor ikke påminnelser, invitasjoner eller kunngjøringer.`,
    totalText: num(status.total),
    reachableText: num(status.reachable),
    missingText: num(status.missing),
    advice: all
      ? ''
      : 'Be IT installere Kompetansebot for dem (Teams administrasjonssenter → Oppsettpolicyer for apper), eller be dem åpne Kompetansebot i Teams én gang. Lista oppdateres av seg selv når de har gjort det.',
    people: status.people.map((p) => ({ line: `**${plain(p.name)}** – ${plain(p.title)}, ${plain(p.unitName)}` })),
    pageText: status.pages > 1 ? `Side ${status.page} av ${status.pages}` : '',
    hasPrev: status.page > 1,
    hasNext: status.page < status.pages,
    prevPage: Math.max(1, status.page - 1),
    nextPage: Math.min(status.pages, status.page + 1),
    page: status.page,
    canExport: !all,
    downloadText: opts.downloadUrl ? `[Last ned lista som CSV](${opts.downloadUrl}) – lenken virker én gang, i 10 minutter.` : '',
  });
}

/**
 * «Be X installere Kompetansebot»: a message the leader or HR can forward (or copy) to people the
 * bot cannot reach, with the link that opens the app in Teams. `names` empty: for several people.
 */
export function renderInstallRequest(opts: { names: string[]; installUrl?: string; reason?: string }) {
  const who = opts.names.length === 1 ? plain(opts.names[0]!) : opts.names.length > 1 ? `${opts.names.slice(0, -1).map(plain).join(', ')} og ${plain(opts.names.at(-1)!)}` : 'dem';
  return installRequestCard.render({
    heading: `Be ${who} installere Kompetansebot`,
    intro: `${opts.reason ? `${opts.reason} ` : ''}Videresend denne meldingen, eller kopier teksten i boksen til en chat eller e-post. Når ${opts.names.length === 1 ? 'personen' : 'de'} har åpnet Kompetansebot én gang, kan boten sende ${opts.names.length === 1 ? 'vedkommende' : 'dem'} meldinger.`,
    message:
      'Hei! Vi bruker Kompetansebot i Teams til medarbeidersamtaler, kompetanse og beskjeder fra HR. Boten kan ikke sende deg meldinger før du har åpnet den én gang.',
    howTo: opts.installUrl
      ? `Åpne Kompetansebot her: [Kompetansebot i Teams](${opts.installUrl}), og trykk «Legg til» eller «Åpne».`
      : 'Åpne Teams, velg «Apper», søk etter «Kompetansebot», og trykk «Legg til» eller «Åpne».',
  });
}
