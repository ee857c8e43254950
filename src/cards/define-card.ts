import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { z } from 'zod';
import { projectRoot } from '../util/project-root.js';

export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARDS_DIR = join(projectRoot, 'cards');

export interface CardDefinition<S extends z.ZodTypeAny> {
  name: string;
  schema: S;
  render(data: z.input<S>): AdaptiveCardJson;
  /** Validates and expands the JSON template, also for a card with a builder (tests compare the two). */
  expandTemplate(data: z.input<S>): AdaptiveCardJson;
}

/**
 * Binds a JSON template in cards/ to the zod schema of its data. `render` validates the data
 * (a bug shows up as a clear error, not as a half-empty card) and expands the template.
 *
 * `build`, for a card sent on every turn (the Q&A answer): builds the same card in code, since
 * expanding the template costs more than finding the answer. The template stays the card's
 * definition; a test renders the card's fixtures both ways and requires identical JSON.
 */
export function defineCard<S extends z.ZodTypeAny>(name: string, schema: S, build?: (data: z.output<S>) => AdaptiveCardJson): CardDefinition<S> {
  const template = JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')) as unknown;
  const compiled = new ACData.Template(template);
  const expandTemplate = (data: z.input<S>) => compiled.expand({ $root: schema.parse(data) as unknown }) as AdaptiveCardJson;
  return {
    name,
    schema,
    render: build ? (data) => build(schema.parse(data) as z.output<S>) : expandTemplate,
    expandTemplate,
  };
}
