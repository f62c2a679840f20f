// Short messages at the bottom of the screen, optionally with one action ("Undo").
export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

export class Toasts {
  #items = $state<Toast[]>([]);
  #next = 1;

  get items(): readonly Toast[] {
    return this.#items;
  }

  show(
    message: string,
    options: { action?: Toast['action']; tone?: Toast['tone']; ms?: number } = {},
  ): number {
    const id = this.#next++;
    this.#items.push({ id, message, tone: options.tone ?? 'info', action: options.action });
    setTimeout(() => this.dismiss(id), options.ms ?? (options.action ? 8000 : 5000));
    return id;
  }

  error(message: string): number {
    return this.show(message, { tone: 'error', ms: 10_000 });
  }

  dismiss(id: number): void {
    this.#items = this.#items.filter((t) => t.id !== id);
  }
}
