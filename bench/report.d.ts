export interface Spread {
	median: number;
	min: number;
	max: number;
	runs: number;
}
export interface Machine {
	date: string;
	cpu: string;
	cores: number;
	memoryGb: number;
	loadAverage: number[];
	node: string;
}
export const RESULTS: string;
export function now(): bigint;
export function msSince(start: bigint): number;
export function spread(values: number[]): Spread;
export function fmt(s: Spread | number, digits?: number): string;
export function table(columns: string[], rows: Array<Array<string | number | Spread>>): string;
export function machine(): Machine;
export function machineLine(m: Machine): string;
export function save(name: string, data: unknown): string;
export function repeat(runs: number, fn: () => Promise<number>, warmup?: number): Promise<Spread>;
