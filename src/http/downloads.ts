import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** Whose link this is (default: the person whose turn is running). */
  owner?: string;
}

/**
 * One-time download links. Teams cannot receive a file from a bot in a personal chat without
 * OneDrive consent, so an export is offered as a short-lived link to this server instead.
 * The token is 32 random bytes, kept in memory only, valid for `ttlMs`, and works once: a link
 * forwarded or found in a history later gives nothing. Only the person it was made for sees it.
 */
export interface Downloads {
  /**
   * Stores the file and returns the path (`/api/downloads/<token>`) to show in a card. The link
   * counts against `opts.owner` (default: the person whose turn is running, see {@link downloadOwner}).
   */
  offer(file: AnyDownloadFile, opts?: OfferOptions): string;
  /** Takes the file out (one use) and starts its `onTaken`; undefined when unknown, used or expired. */
  take(token: string): AnyDownloadFile | undefined;
  /** Resolves when every started `onTaken` has finished (for the HTTP route and tests). */
  idle(): Promise<void>;
  /** Absolute URL for a path returned by `offer`. */
  url(path: string): string;
}

/**
 * Who the running turn is for (the bot runs every turn inside `downloadOwner.run(id, …)`). Links
 * are capped per owner, so the capabilities offering exports need not pass the person along.
 */
export const downloadOwner = new AsyncLocalStorage<string>();

/** Links made outside a turn (none today) share this owner. */
const NO_OWNER = '(ingen)';

/**
 * `publicBaseUrl` is read when a link is made (the port may be known only after listen).
 * `maxPerOwner` caps the links one person holds (their own oldest goes first), so one person
 * exporting in a loop cannot push out anyone else's link; `maxFiles` bounds memory overall.
 */
export function createDownloads(opts: { clock: Clock; publicBaseUrl: () => string | undefined; ttlMs?: number; maxFiles?: number; maxPerOwner?: number }): Downloads {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const max = opts.maxFiles ?? 1000;
  const maxPerOwner = opts.maxPerOwner ?? 20;
  // Insertion order is age order, both overall and per owner.
  const files = new Map<string, { file: AnyDownloadFile; expires: number; owner: string; onTaken?: () => Promise<void> }>();
  const byOwner = new Map<string, Set<string>>();
  const pending = new Set<Promise<void>>();
  const remove = (token: string) => {
    const hit = files.get(token);
    if (!hit) return;
    files.delete(token);
    const own = byOwner.get(hit.owner);
    own?.delete(token);
    if (own && own.size === 0) byOwner.delete(hit.owner);
  };
  const prune = (owner: string) => {
    const now = opts.clock.now().getTime();
    for (const [k, v] of files) if (v.expires <= now) remove(k);
    const own = byOwner.get(owner);
    while (own && own.size >= maxPerOwner) remove(own.values().next().value as string);
    // Bound memory: drop the oldest when too many are waiting.
    while (files.size >= max) remove(files.keys().next().value as string);
  };
  return {
    offer(file, offerOpts) {
      const owner = offerOpts?.owner ?? downloadOwner.getStore() ?? NO_OWNER;
      prune(owner);
      const token = randomBytes(32).toString('base64url');
      files.set(token, { file, expires: opts.clock.now().getTime() + ttl, owner, onTaken: offerOpts?.onTaken });
      if (!byOwner.has(owner)) byOwner.set(owner, new Set());
      byOwner.get(owner)!.add(token);
      return `/api/downloads/${token}`;
    },
    take(token) {
      const hit = files.get(token);
      if (!hit) return undefined;
      remove(token);
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
