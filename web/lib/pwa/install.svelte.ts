// "Install Tally": the browser's own prompt where it offers one (beforeinstallprompt, Chromium),
// short instructions where it does not (Safari on iOS: Share → Add to Home Screen), nothing once
// Tally runs installed.
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallState = 'installed' | 'promptable' | 'ios-instructions' | 'unavailable';

export class Installer {
  #event = $state.raw<InstallPromptEvent | undefined>(undefined);
  #installed = $state(false);
  #ios = $state(false);

  start(): void {
    if (typeof window === 'undefined') return;
    const standalone =
      window.matchMedia('(display-mode: standalone)').matches ||
      (navigator as Navigator & { standalone?: boolean }).standalone === true;
    this.#installed = standalone;
    this.#ios =
      /iphone|ipad|ipod/i.test(navigator.userAgent) && !/crios|fxios/i.test(navigator.userAgent);
    window.addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault(); // show our own button instead of the mini-infobar
      this.#event = event as InstallPromptEvent;
    });
    window.addEventListener('appinstalled', () => {
      this.#installed = true;
      this.#event = undefined;
    });
  }

  get state(): InstallState {
    if (this.#installed) return 'installed';
    if (this.#event) return 'promptable';
    if (this.#ios) return 'ios-instructions';
    return 'unavailable';
  }

  async prompt(): Promise<void> {
    const event = this.#event;
    if (!event) return;
    await event.prompt();
    const choice = await event.userChoice;
    if (choice.outcome === 'accepted') this.#installed = true;
    this.#event = undefined;
  }
}
