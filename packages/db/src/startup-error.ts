/** A failure at boot that the start command prints as one line: what, why and how to fix it. */
export class StartupError extends Error {
  readonly component: string;
  readonly hint: string;
  constructor(component: string, message: string, hint: string) {
    super(message);
    this.name = 'StartupError';
    this.component = component;
    this.hint = hint;
  }
  line(): string {
    return `[ledgerflow] ${this.component}: ${this.message}. Fix: ${this.hint}.`;
  }
}
