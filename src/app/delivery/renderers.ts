import type { Renderer } from './types.ts';

/**
 * Renderers by delivery kind. A delivery stores its view (platform-neutral JSON) and is rendered when it is sent,
 * so a retry a day later renders with the code that sends it. Modules register their kinds when imported
 * (index.ts imports the built-in ones; the worker and the CLI import index.ts).
 */
const renderers = new Map<string, Renderer>();

export function registerRenderer(kind: string, renderer: Renderer): void {
  renderers.set(kind, renderer);
}

export function rendererFor(kind: string): Renderer | null {
  return renderers.get(kind) ?? null;
}

export function registeredKinds(): string[] {
  return [...renderers.keys()].sort();
}
