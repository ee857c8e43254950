import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { outboxItemRecordSchema, type OutboxItemRecord } from '../ports/delivery.js';
import { CorruptStoreError } from '../ports/errors.js';

/** `data/kompetansebot.json` → `data/kompetansebot.outbox-journal/`. */
export function outboxJournalDirFor(dataFile: string): string {
  return `${dataFile.replace(/\.json$/i, '')}.outbox-journal`;
}

const journalLineSchema = z.object({ c: z.string().min(1), r: outboxItemRecordSchema });
/** One journal line: a campaign id and the new version of one of its items. */
export type JournalEntry = z.infer<typeof journalLineSchema>;
const JOURNAL_FILE = /^(\d{8})\.jsonl$/;

/**
 * The outbox's write-ahead journal: every change of an item is appended as one JSON line
 * (`{"c": campaignId, "r": record}`) with a synchronous write to an O_APPEND file before the
 * call returns, and the shard files are brought up to date later, in bulk (a checkpoint). A
 * `kill -9` cannot lose an appended line (it is in the kernel once `writeSync` returns), so a
 * send's outcome is durable the moment its answer is handled, without waiting for a shard file
 * to be rewritten; that is the window in which a killed process sends a message twice.
 * Files are numbered; a checkpoint starts a new one and deletes the old ones once every shard
 * they touched is on disk. Opening replays whatever files are left, in order.
 */
export class Journal {
  private fd: number;
  private seq: number;
  /** Lines in the current file. */
  lines = 0;
  constructor(private readonly dir: string, lastSeq: number) {
    this.seq = lastSeq + 1;
    this.fd = openSync(this.path(this.seq), 'a');
  }
  private path(seq: number) {
    return join(this.dir, `${String(seq).padStart(8, '0')}.jsonl`);
  }
  /** Appends the records in one write; throws (and nothing is changed) if the write fails. */
  append(campaignId: string, records: readonly OutboxItemRecord[]): void {
    let text = '';
    for (const r of records) text += `${JSON.stringify({ c: campaignId, r })}\n`;
    const buffer = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buffer.length) written += writeSync(this.fd, buffer, written, buffer.length - written);
    this.lines += records.length;
  }
  /** Closes the current file and starts the next; returns the closed file's path. */
  rotate(): string {
    const closed = this.path(this.seq);
    closeSync(this.fd);
    this.seq++;
    this.fd = openSync(this.path(this.seq), 'a');
    this.lines = 0;
    return closed;
  }
}

/** The journal files in `dir`, oldest first, with their lines (a torn last line left out). */
export function readJournal(dir: string): { files: string[]; lastSeq: number; entries: JournalEntry[] } {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => JOURNAL_FILE.test(n)).sort() : [];
  const entries: JournalEntry[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const lines = readFileSync(path, 'utf8').split('\n');
    // Every complete line ends with a newline: a last piece without one is a write cut short.
    lines.pop();
    lines.forEach((line, i) => {
      let parsed: z.SafeParseReturnType<unknown, z.infer<typeof journalLineSchema>>;
      try {
        parsed = journalLineSchema.safeParse(JSON.parse(line));
      } catch {
        throw new CorruptStoreError(path, `ugyldig JSON på linje ${i + 1}`);
      }
      if (!parsed.success) throw new CorruptStoreError(path, `uventet innhold på linje ${i + 1}`);
      entries.push(parsed.data);
    });
  }
  const lastSeq = names.length ? Number(JOURNAL_FILE.exec(names.at(-1)!)![1]) : 0;
  return { files: names.map((n) => join(dir, n)), lastSeq, entries };
}

/** Fold the journal into the shard files after this many lines, or this long after the first. */
const CHECKPOINT_LINES = 10_000;
const CHECKPOINT_MS = 10_000;
/** Shard files written at once by a checkpoint: small steps keep the event loop free for answers. */
const CHECKPOINT_PARALLEL = 4;

/** What a checkpoint writes: a set of shard files (one campaign's items). */
export interface ShardFiles {
  flush(shards: number[]): Promise<unknown>;
}

/**
 * The journal with its checkpoints: which shards have changes that are only in the journal,
 * and folding them into their files (a few at a time, so the event loop stays free for answers)
 * after {@link CHECKPOINT_LINES} lines or {@link CHECKPOINT_MS}, then deleting the journal files
 * they cover. Until `start`, nothing is journaled (replay marks shards dirty before that).
 */
export class CheckpointedJournal {
  private journal: Journal | undefined;
  /** Shards changed in memory (and in the journal) but not yet written, per shard set. */
  private readonly dirty = new Map<ShardFiles, Set<number>>();
  /** Journal files closed by a checkpoint that has not finished yet. */
  private readonly retired: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checkpointing: Promise<void> | undefined;

  get started(): boolean {
    return this.journal !== undefined;
  }

  /** Opens the next journal file; `replayed` (the files read at open) are deleted by the next checkpoint. */
  start(dir: string, lastSeq: number, replayed: string[]): void {
    this.retired.push(...replayed);
    this.journal = new Journal(dir, lastSeq);
  }

  /** Appends the records; throws (and nothing is journaled) if the write fails. */
  append(campaignId: string, records: readonly OutboxItemRecord[]): void {
    const journal = this.journal!;
    try {
      journal.append(campaignId, records);
    } catch (err) {
      // A write cut short leaves a piece of a line at the end of the file; later lines go to a new
      // file, so the piece stays last in its file, where opening ignores it.
      try {
        this.retired.push(journal.rotate());
      } catch {
        // Nothing more to do here; the next write will fail too, and say so.
      }
      throw err;
    }
  }

  markDirty(files: ShardFiles, shards: number[]): void {
    let set = this.dirty.get(files);
    if (!set) this.dirty.set(files, (set = new Set()));
    for (const shard of shards) set.add(shard);
  }

  /** Writes every dirty shard, a few at a time, then deletes the journal files they cover. */
  checkpoint(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.checkpointing) return this.checkpointing;
    if (this.journal && this.journal.lines) this.retired.push(this.journal.rotate());
    const covered = this.retired.length;
    const work = [...this.dirty].flatMap(([files, shards]) => [...shards].map((shard) => [files, shard] as const));
    this.dirty.clear();
    this.checkpointing = (async () => {
      try {
        for (let i = 0; i < work.length; i += CHECKPOINT_PARALLEL) {
          await Promise.all(work.slice(i, i + CHECKPOINT_PARALLEL).map(([files, shard]) => files.flush([shard])));
        }
        // Oldest first, and a file only leaves `retired` once it is gone: whatever is left on disk
        // is always the newest files, and replaying those in order gives the latest state.
        for (let i = 0; i < covered; i++) {
          rmSync(this.retired[0]!, { force: true });
          this.retired.shift();
        }
      } catch {
        // The journal files stay (opening replays them) and the shards are tried again next time.
        for (const [files, shard] of work) this.markDirty(files, [shard]);
      } finally {
        this.checkpointing = undefined;
      }
    })();
    return this.checkpointing;
  }

  /** A checkpoint now when the journal is long, else within {@link CHECKPOINT_MS}. */
  scheduleCheckpoint(): void {
    if (!this.journal) return;
    if (this.journal.lines >= CHECKPOINT_LINES && !this.checkpointing) void this.checkpoint();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.checkpoint(), CHECKPOINT_MS);
      this.timer.unref?.();
    }
  }
}
