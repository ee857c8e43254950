// pdfkit ships no type declarations: the small part of its API the referat export uses.
declare module 'pdfkit' {
  import type { Readable } from 'node:stream';

  interface PDFDocumentOptions {
    size?: string | [number, number];
    margin?: number;
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    subset?: 'PDF/A-1' | 'PDF/A-1a' | 'PDF/A-1b' | 'PDF/A-2' | 'PDF/A-2a' | 'PDF/A-2b' | 'PDF/A-3' | 'PDF/A-3a' | 'PDF/A-3b' | 'PDF/UA';
    tagged?: boolean;
    lang?: string;
    displayTitle?: boolean;
    font?: string | Buffer;
    autoFirstPage?: boolean;
    info?: { Title?: string; Author?: string; Subject?: string; Keywords?: string; Creator?: string; Producer?: string; CreationDate?: Date; ModDate?: Date };
  }

  interface TextOptions {
    width?: number;
    continued?: boolean;
    indent?: number;
    paragraphGap?: number;
    lineGap?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    underline?: boolean;
  }

  class PDFDocument extends Readable {
    constructor(options?: PDFDocumentOptions);
    page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
    x: number;
    y: number;
    registerFont(name: string, src: string | Buffer): this;
    font(name: string, size?: number): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    moveDown(lines?: number): this;
    addPage(): this;
    heightOfString(text: string, options?: TextOptions): number;
    end(): void;
  }
  export default PDFDocument;
}
