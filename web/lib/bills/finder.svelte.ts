// Whether the quick bill finder is open: one instance for the page, so the Ctrl+K handler
// (Global.svelte) and the "Find a bill" button in the bills navigation open the same dialog.
class Finder {
  #open = $state(false);

  get open(): boolean {
    return this.#open;
  }

  show(): void {
    this.#open = true;
  }

  hide(): void {
    this.#open = false;
  }
}

export const finder = new Finder();
