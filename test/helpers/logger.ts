import type { Logger } from '../../src/logging/logger.js';

/**
 * A logger that keeps every line (fields and message as one JSON string), for asserting what a
 * use case logged, and that it logged no free text or competence data. Children write to the
 * same lines.
 */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const make = (): Logger => ({
    info: (f, m) => lines.push(JSON.stringify({ ...f, m })),
    warn: (f, m) => lines.push(JSON.stringify({ ...f, m })),
    error: (f, m) => lines.push(JSON.stringify({ ...f, m })),
    debug: (f, m) => lines.push(JSON.stringify({ ...f, m })),
    child: () => make(),
  });
  return { logger: make(), lines };
}
