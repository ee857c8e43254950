import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/dates.js';
import { type Downloads, downloadOwner } from '../shared/downloads.js';
import type { AnyDownloadFile } from '../shared/files.js';

// The port (Downloads, the file types, downloadOwner) is src/shared/downloads.ts; this is its implementation.

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
