/**
 * The Q&A turn's own work without HTTP: ask() (answer, log, present), the card, the activity
 * JSON, in a loop over the bench questions. CPU ms per question; run with --cpu-prof to profile.
 * Diagnosis only (BENCH_LOOPS, default 200).
 */
import { join } from 'node:path';
import { cardActivity } from '../src/bot/reply.js';
import { silentLogger } from '../src/logging/logger.js';
import { renderPresented } from '../src/modules/qa/cards.js';
import { createQaService, loadQaContent } from '../src/modules/qa/qa-service.js';
import { systemClock } from '../src/shared/dates.js';
import { openMemoryStore } from '../src/storage/open-store.js';
import { projectRoot } from '../src/util/project-root.js';
import { benchQuestions } from './bench-turns.js';

const LOOPS = Number(process.env.BENCH_LOOPS ?? 200);
const qa = createQaService({ content: loadQaContent(join(projectRoot, 'content')), store: await openMemoryStore(), clock: systemClock, hrContact: 'HR', logger: silentLogger });
const questions = benchQuestions();
const step = (q: string) => JSON.stringify(cardActivity(renderPresented(qa.ask(q), 'HR', { askHr: true }))).length;
for (let i = 0; i < 20; i++) for (const q of questions) step(q);
const t0 = performance.now();
const c0 = process.cpuUsage();
let bytes = 0;
for (let i = 0; i < LOOPS; i++) for (const q of questions) bytes += step(q);
const cpu = process.cpuUsage(c0);
const n = LOOPS * questions.length;
console.log(JSON.stringify({ wallMsPerQuestion: ((performance.now() - t0) / n).toFixed(3), cpuMsPerQuestion: ((cpu.user + cpu.system) / 1000 / n).toFixed(3), activityBytes: Math.round(bytes / n) }));
