export function freePort(): Promise<number>;
export function startMoto(options?: { timeoutMs?: number; quiet?: boolean }): Promise<{ url: string; port: number; stop: () => Promise<void> }>;
export function motoEnv(url: string): Record<string, string>;
