// Clients, projects and tasks as live state for a view, with the lookups the screens need.
import { time } from '@tally/model';
import type { App } from '../app/app.svelte.ts';
import { Live } from '../store/live.svelte.ts';
import { catalogRecords } from './queries.ts';
import type { CatalogRecords, Client, Project, Task } from './types.ts';

const EMPTY: CatalogRecords = { clients: [], projects: [], tasks: [] };

export class CatalogState {
  readonly #live: Live<CatalogRecords>;
  #catalog = $derived(time.catalog.catalog(this.records));

  constructor(app: App) {
    this.#live = new Live(() => catalogRecords(app.store.db));
  }

  get loaded(): boolean {
    return this.#live.current !== undefined;
  }

  get records(): CatalogRecords {
    return this.#live.current ?? EMPTY;
  }

  get catalog(): time.catalog.Catalog {
    return this.#catalog;
  }

  get clients(): Client[] {
    return this.records.clients;
  }

  get projects(): Project[] {
    return this.records.projects;
  }

  get tasks(): Task[] {
    return this.records.tasks;
  }

  project(id: string | undefined): Project | undefined {
    return id === undefined ? undefined : this.#catalog.projects.get(id);
  }

  client(id: string | undefined): Client | undefined {
    return id === undefined ? undefined : this.#catalog.clients.get(id);
  }

  task(id: string | undefined): Task | undefined {
    return id === undefined ? undefined : this.#catalog.tasks.get(id);
  }

  tasksOf(projectId: string | undefined): Task[] {
    return projectId === undefined ? [] : this.tasks.filter((t) => t.projectId === projectId);
  }

  /** "Website · Acme", or the project alone, or "No project". */
  projectLabel(id: string | undefined): string {
    const project = this.project(id);
    if (!project) return id === undefined ? 'No project' : 'Unknown project';
    const client = this.client(project.clientId);
    return client ? `${project.name} · ${client.name}` : project.name;
  }

  color(id: string | undefined): string {
    return this.project(id)?.color ?? 'var(--border)';
  }
}
