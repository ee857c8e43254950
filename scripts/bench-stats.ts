/** Figures the benches share. */

/** The p-th percentile (nearest rank) of `values`, in ms rounded to three decimals; 0 for none. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Number((sorted[Math.max(0, idx)] ?? 0).toFixed(3));
}

/** bench:gap's «save one section» inputs, in turn: valid for the seeded content (bench:gap checks them). */
export const SAVE_SECTIONS: readonly [section: string, input: unknown][] = [
  ['languages', { items: [{ language: 'Norsk', level: 4 }, { language: 'Engelsk', level: 3 }] }],
  ['selfAssessment', { ratings: [{ competenceId: 'digital-grunnleggende', level: 3 }, { competenceId: 'veiledning', level: 2 }] }],
  ['certifications', { items: [{ competenceId: 'sert-forstehjelp', validUntil: '2028-06-30' }] }],
  ['mobilisation', { competenceIds: ['veiledning'], note: 'Kan veilede studenter.' }],
];
