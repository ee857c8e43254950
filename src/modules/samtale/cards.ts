/**
 * The medarbeidersamtale's cards: turn the service's views into template data and nothing
 * else. Templates are in cards/samtale-*.json. Whatever a person wrote is shown as plain text
 * (Markdown characters escaped) and never logged.
 */
export { type Notice } from './cards/templates.js';
export * from './cards/shared.js';
export * from './cards/messages.js';
export * from './cards/start.js';
export * from './cards/samtale.js';
export * from './cards/overview.js';
