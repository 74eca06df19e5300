type Matchers = Array<[label: string, pattern: RegExp]>;
export function selfTimeBy(profile: object, categories: Matchers): Record<string, number>;
export function inclusiveTime(profile: object, matchers: Matchers): Record<string, number>;
export function slice(profile: object, fromUs: number, toUs: number): object;
export function topSelf(profile: object, count?: number): Array<{ fn: string; ms: number }>;
