/**
 * The Downloads port: how a use case hands a person a file (src/http/downloads.ts implements it
 * with one-time links; the domain knows only this interface).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnyDownloadFile } from './files.js';

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
