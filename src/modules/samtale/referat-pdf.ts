/**
 * The referat as a PDF/A-2b document for the archive (P360, Noark 5). pdfkit writes it; the font
 * (Noto Sans with æøå, SIL OFL, assets/fonts/) is embedded, as PDF/A requires. The document's
 * creation date is the time of export, so the same referat exported at the same time gives the
 * same text.
 */
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { projectRoot } from '../../util/project-root.js';
import type { Block } from './referat-export.js';

const FONT_DIR = join(projectRoot, 'assets', 'fonts');
const REGULAR = join(FONT_DIR, 'NotoSans-Regular.woff');
const BOLD = join(FONT_DIR, 'NotoSans-Bold.woff');
// Text colour: near-black on white (contrast far above 4.5:1).
const INK = '#1a1a1a';
const MUTED = '#4a4a4a';

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  createdAt: Date;
}

/** Renders the blocks to a PDF/A-2b file. */
export function renderPdf(blocks: Block[], meta: PdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'nb-NO',
    displayTitle: true,
    font: REGULAR,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Creator: 'Kompetansebot', CreationDate: meta.createdAt, ModDate: meta.createdAt },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const para = (text: string, opts: { font?: 'regular' | 'bold'; size?: number; color?: string; indent?: number; gap?: number } = {}) => {
    doc
      .font(opts.font ?? 'regular', opts.size ?? 10.5)
      .fillColor(opts.color ?? INK)
      .text(text, left + (opts.indent ?? 0), doc.y, { width: width - (opts.indent ?? 0), paragraphGap: opts.gap ?? 4 });
  };

  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        para(b.text, { font: 'bold', size: 18, gap: 10 });
        break;
      case 'heading':
        doc.moveDown(0.6);
        para(b.text, { font: 'bold', size: 13.5, gap: 6 });
        break;
      case 'subheading':
        doc.moveDown(0.3);
        para(b.text, { font: 'bold', size: 11.5 });
        break;
      case 'paragraph':
        para(b.text);
        break;
      case 'fields': {
        const labelWidth = 110;
        for (const [k, v] of b.rows) {
          const y = doc.y;
          doc.font('bold', 10).fillColor(MUTED).text(k, left, y, { width: labelWidth - 8 });
          const afterLabel = doc.y;
          doc.font('regular', 10).fillColor(INK).text(v, left + labelWidth, y, { width: width - labelWidth });
          doc.y = Math.max(afterLabel, doc.y) + 2;
        }
        doc.moveDown(0.4);
        break;
      }
      case 'list':
        for (const item of b.items) para(`•  ${item}`, { indent: 8, gap: 2 });
        doc.moveDown(0.3);
        break;
      case 'table':
        // One entry per row: the first column as the line, the others as «Ansvarlig: … · Frist: …».
        for (const row of b.rows) {
          para(`•  ${row[0] ?? ''}`, { indent: 8, gap: 1 });
          para(
            row
              .slice(1)
              .map((c, i) => `${b.header[i + 1]}: ${c}`)
              .join('  ·  '),
            { indent: 20, color: MUTED, size: 9.5, gap: 4 },
          );
        }
        break;
    }
  }
  doc.end();
  return done;
}
