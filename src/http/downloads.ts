import { randomBytes } from 'node:crypto';
import type { Clock } from '../scheduler/clock.js';

/** A file ready to hand to a person (an export of their own data, a CSV for a leader). */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  content: string;
}

/** A file of bytes (a PDF). */
export interface BinaryDownloadFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export type AnyDownloadFile = DownloadFile | BinaryDownloadFile;

export interface OfferOptions {
  /**
   * Runs once when the file is actually taken (downloaded), not when the link is made: e.g. the
   * referat counts as exported for the archive only then. Errors are the caller's to log.
   */
  onTaken?: () => Promise<void>;
}

/**
 * One-time download links. Teams cannot receive a file from a bot in a personal chat without
 * OneDrive consent, so an export is offered as a short-lived link to this server instead.
 * The token is 32 random bytes, kept in memory only, valid for `ttlMs`, and works once: a link
 * forwarded or found in a history later gives nothing. Only the person it was made for sees it.
 */
export interface Downloads {
  /** Stores the file and returns the path (`/api/downloads/<token>`) to show in a card. */
  offer(file: AnyDownloadFile, opts?: OfferOptions): string;
  /** Takes the file out (one use) and starts its `onTaken`; undefined when unknown, used or expired. */
  take(token: string): AnyDownloadFile | undefined;
  /** Resolves when every started `onTaken` has finished (for the HTTP route and tests). */
  idle(): Promise<void>;
  /** Absolute URL for a path returned by `offer`. */
  url(path: string): string;
}

/** `publicBaseUrl` is read when a link is made (the port may be known only after listen). */
export function createDownloads(opts: { clock: Clock; publicBaseUrl: () => string | undefined; ttlMs?: number; maxFiles?: number }): Downloads {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const max = opts.maxFiles ?? 1000;
  const files = new Map<string, { file: AnyDownloadFile; expires: number; onTaken?: () => Promise<void> }>();
  const pending = new Set<Promise<void>>();
  const prune = () => {
    const now = opts.clock.now().getTime();
    for (const [k, v] of files) if (v.expires <= now) files.delete(k);
    // Bound memory: drop the oldest when too many are waiting.
    while (files.size >= max) files.delete(files.keys().next().value as string);
  };
  return {
    offer(file, offerOpts) {
      prune();
      const token = randomBytes(32).toString('base64url');
      files.set(token, { file, expires: opts.clock.now().getTime() + ttl, onTaken: offerOpts?.onTaken });
      return `/api/downloads/${token}`;
    },
    take(token) {
      const hit = files.get(token);
      if (!hit) return undefined;
      files.delete(token);
      if (hit.expires <= opts.clock.now().getTime()) return undefined;
      if (hit.onTaken) {
        const done: Promise<void> = hit.onTaken().finally(() => pending.delete(done));
        pending.add(done);
      }
      return hit.file;
    },
    async idle() {
      await Promise.allSettled([...pending]);
    },
    url: (path) => `${(opts.publicBaseUrl() ?? '').replace(/\/$/, '')}${path}`,
  };
}
