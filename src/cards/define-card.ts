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
}

/**
 * Binds a JSON template in cards/ to the zod schema of its data. `render` validates the data
 * (a bug shows up as a clear error, not as a half-empty card) and expands the template.
 */
export function defineCard<S extends z.ZodTypeAny>(name: string, schema: S): CardDefinition<S> {
  const template = JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')) as unknown;
  const compiled = new ACData.Template(template);
  return {
    name,
    schema,
    render(data) {
      const parsed = schema.parse(data) as unknown;
      const card = compiled.expand({ $root: parsed }) as AdaptiveCardJson;
      return card;
    },
  };
}
