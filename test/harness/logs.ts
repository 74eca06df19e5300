import { createRequire } from 'node:module';
import { LoggerProxy } from 'n8n-workflow';

// n8n-core ships its own @n8n/di and @n8n/backend-common (other versions than the top-level ones
// other dev tools bring): the Logger must be set in the container n8n-core reads.
export const fromCore = createRequire(require.resolve('n8n-core'));
const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');

/** Every line logged through n8n's loggers (and the console) while the tests run. */
export const logged: string[] = [];

const record =
	(level: string) =>
	(message: unknown, metadata?: unknown): void => {
		let meta = '';
		try {
			meta = metadata === undefined ? '' : JSON.stringify(metadata, errorKeys);
		} catch {
			meta = String(metadata);
		}
		logged.push(`${level} ${String(message)} ${meta}`);
	};

// Errors keep their message and stack out of JSON.stringify unless asked for.
function errorKeys(_key: string, value: unknown) {
	if (value instanceof Error) {
		return Object.fromEntries(
			Object.getOwnPropertyNames(value).map((k) => [k, (value as never)[k]]),
		);
	}
	return value;
}

const capture = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	verbose: record('verbose'),
	scoped: () => capture,
};

let installed = false;

/**
 * Routes n8n's two loggers (the DI Logger nodes and request helpers use as `this.logger`, and
 * n8n-workflow's LoggerProxy the engine uses) into `logged`, at every level, and copies what
 * reaches the console.
 */
export function captureLogs() {
	if (installed) return;
	installed = true;
	Container.set(Logger, capture as unknown as InstanceType<typeof Logger>);
	LoggerProxy.init(capture as never);
	for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		const original = console[level].bind(console);
		console[level] = (...args: unknown[]) => {
			record(`console.${level}`)(args.map(String).join(' '));
			original(...args);
		};
	}
}
