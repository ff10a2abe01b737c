// Typed calls to the server: the function names, arguments and results come from src/sheets/sidebar-api.ts,
// so a renamed or reshaped server function fails to compile here.
import type * as Server from '../sheets/sidebar-api';

type Functions<M> = { [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]: M[K] };

/** Every server function the sidebar may call. */
export type Api = Functions<typeof Server>;
export type ApiName = keyof Api;
type Args<K extends ApiName> = Api[K] extends (...args: infer A) => unknown ? A : never;
type Result<K extends ApiName> = Api[K] extends (...args: never[]) => infer R ? R : never;

interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
}

declare const google: { script: { run: ScriptRunner } };

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as Error).message);
  return String(error);
}

/** Calls a server function through google.script.run; rejects with the server's (translated) message. */
export function call<K extends ApiName>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as Result<K>))
      .withFailureHandler((error) =>
        reject(new Error(messageOf(error).replace(/^(Exception|Error):\s*/, ''))),
      );
    const fn = (runner as unknown as Record<string, (...a: unknown[]) => void>)[name];
    fn.apply(runner, args);
  });
}
