/** A text file ready to hand to a person (an export of their own data, a CSV for a leader, an .ics). */
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
