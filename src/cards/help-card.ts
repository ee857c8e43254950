import { z } from 'zod';
import { defineCard } from './define-card.js';

const helpCard = defineCard(
  'help',
  z.object({
    heading: z.string(),
    intro: z.string(),
    capabilities: z.array(z.object({ title: z.string(), text: z.string() })),
    examples: z.array(z.string()).max(6),
  }),
);

/** One line in the help card; each module contributes what it can do. */
export interface Capability {
  title: string;
  text: string;
}

const EXAMPLES = [
  'Hvilke krav stilles til en rektor?',
  'Hvem skriver delplanene?',
  'Hvordan skal en rekruttering gjennomføres?',
  'Hva bør vi snakke om i medarbeidersamtalen?',
];

export function renderHelpCard(kind: 'welcome' | 'help', capabilities: Capability[]) {
  return helpCard.render({
    heading: kind === 'welcome' ? 'Velkommen til Kompetansebot' : 'Dette kan Kompetansebot hjelpe med',
    intro:
      kind === 'welcome'
        ? 'Jeg hjelper ledere, medarbeidere og HR med kompetansearbeidet i kommunen. Svarene mine bygger på kommunens planer og KS-veiledere, og jeg oppgir alltid kilden.'
        : 'Skriv et spørsmål med egne ord, eller velg et av eksemplene. Skriv «hjelp» når som helst for å se dette igjen.',
    capabilities,
    examples: EXAMPLES,
  });
}
