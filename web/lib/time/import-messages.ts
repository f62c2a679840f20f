// What the import page and its worker say to each other.
import type { Result, time } from '@tally/model';
import type { Client, Project, Task } from './types.ts';

export interface PreviewRequest {
  type: 'preview';
  file: Blob;
  clients: Client[];
  projects: Project[];
  tasks: Task[];
  /** Import keys already in the data, so re-imported rows are found. */
  importKeys: string[];
  zone: string;
  currency: string;
  dateOrder?: time.importing.DateOrder;
  format?: time.importing.FormatName;
}

export type WorkerMessage =
  | { type: 'progress'; stage: 'reading'; loaded: number; total: number }
  | { type: 'progress'; stage: 'checking' }
  | { type: 'done'; preview: Result<time.importing.Preview, string> }
  | { type: 'failed'; message: string };
