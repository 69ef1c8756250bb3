// Messages between the scan and its analysis workers (structured-clone plain data only).
import type { Note } from '../types';
import type { CrawledFile } from '../workspace/crawl';
import type { AnalysisKind, AnalysisValues } from './fileAnalysis';

export interface AnalysisJob {
  file: CrawledFile;
  kinds: AnalysisKind[];
  /** For kind 'matches': keys of the built-in content matchers to run on this file. */
  matchers?: string[];
}

/** Main → worker: analyse these files of `root`. */
export interface BatchRequest { id: number; root: string; jobs: AnalysisJob[] }

/** Worker → main: values per file, plus what reading them produced (skipped-file notes, byte counts). */
export interface BatchReply {
  id: number;
  results: { rel: string; values: AnalysisValues }[];
  notes: Note[];
  /** Files read from disk, with their sizes. */
  read: [string, number][];
}

/** A worker's start data: the grammars to load before the first batch arrives (the rest load on first need). */
export interface WorkerStart { languages: string[] }
