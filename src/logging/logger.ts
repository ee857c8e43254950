import { pino } from 'pino';

/**
 * Small logger port. Log ids and counts only: never what a person wrote, never competence data.
 */
export interface Logger {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  debug(fields: Record<string, unknown>, msg: string): void;
  child(name: string): Logger;
}

export function createLogger(level = 'info'): Logger {
  return wrap(pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }));
}

function wrap(p: pino.Logger): Logger {
  return {
    info: (f, m) => p.info(f, m),
    warn: (f, m) => p.warn(f, m),
    error: (f, m) => p.error(f, m),
    debug: (f, m) => p.debug(f, m),
    child: (name) => wrap(p.child({ module: name })),
  };
}

/** A logger that drops everything (tests, CLI). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => silentLogger,
};
