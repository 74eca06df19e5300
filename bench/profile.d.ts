type Matchers = Array<[label: string, pattern: RegExp]>;
export function selfTimeBy(profile: object, categories: Matchers): Record<string, number>;
export function inclusiveTime(profile: object, matchers: Matchers): Record<string, number>;
