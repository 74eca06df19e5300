import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { WINK_SCOPES } from '../../credentials/WinkOAuth2Api.credentials';
import { CLIENTS, startSandbox } from '../../sandbox';

// The sandbox CLI as a new user runs it: its guide, --host, and the hint when the port is taken.
const cli = join(__dirname, '..', '..', 'sandbox', 'cli.js');
const running: ChildProcess[] = [];

/** Starts the CLI and resolves with what it printed once it is ready (or has exited). */
function startCli(...args: string[]): Promise<{ out: string; err: string; code: number | null }> {
	const child = spawn(process.execPath, [cli, ...args]);
	running.push(child);
	let out = '';
	let err = '';
	return new Promise((resolve) => {
		child.stdout!.on('data', (d) => {
			out += d;
			if (out.includes('Press Ctrl+C to stop.')) resolve({ out, err, code: null });
		});
		child.stderr!.on('data', (d) => (err += d));
		child.on('exit', (code) => resolve({ out, err, code }));
	});
}

const listening = (out: string) => Number(/:(\d+)/.exec(out.split('\n')[0])![1]);

async function reachable(host: string, port: number): Promise<boolean> {
	try {
		return (await fetch(`http://${host}:${port}/__sandbox`)).ok;
	} catch {
		return false;
	}
}

afterEach(async () => {
	const stopping = running.splice(0).filter((c) => c.exitCode === null);
	await Promise.all(
		stopping.map((c) => new Promise((resolve) => c.once('exit', resolve).kill('SIGTERM'))),
	);
});

test('--guide names every scope, the install steps and a curl pair that works, and no secret but the demo client', async () => {
	const { out } = await startCli('--port', '0', '--guide');
	for (const [scope] of WINK_SCOPES) expect(out).toContain(scope);
	expect(out).toContain('mkdir -p ~/.n8n/nodes');
	expect(out).toMatch(/npm install --omit=peer \S+\/n8n-nodes-wink-\d+\.\d+\.\d+\.tgz/);
	expect(out).toContain('Node >= 24');

	// The printed commands, run as printed: a token, then a GET that Wink answers only with Wink-Version.
	const commands = out.split('\n').filter((l) => /^\s+(TOKEN=\$\(curl|curl )/.test(l));
	expect(commands).toHaveLength(2);
	expect(commands[1]).toContain('-H "Wink-Version: 2.0"');
	const r = spawnSync('bash', ['-c', `set -e\n${commands.join('\n')}`], { encoding: 'utf8' });
	const balances = JSON.parse(r.stdout) as Array<{ currencyCode: string }>;
	expect(balances.map((b) => b.currencyCode).sort()).toEqual(['EUR', 'GBP', 'USD']);

	expect(out).not.toContain(CLIENTS.readonly.clientSecret);
	expect(out).not.toMatch(/Bearer (?!\$TOKEN)/);
});

test('listens on 127.0.0.1 by default and on the --host given', async () => {
	const byDefault = await startCli('--port', '0');
	const port = listening(byDefault.out);
	expect(byDefault.out).toContain(`http://127.0.0.1:${port}`);
	expect([await reachable('127.0.0.1', port), await reachable('127.0.0.2', port)]).toEqual([
		true,
		false,
	]);

	const other = await startCli('--port', '0', '--host', '127.0.0.2');
	const otherPort = listening(other.out);
	expect(other.out).toContain(`http://127.0.0.2:${otherPort}`);
	expect([
		await reachable('127.0.0.2', otherPort),
		await reachable('127.0.0.1', otherPort),
	]).toEqual([true, false]);
});

test('--host 0.0.0.0 is reachable on every interface and the guide says how Docker gets there', async () => {
	const { out } = await startCli('--port', '0', '--host', '0.0.0.0', '--guide');
	const port = listening(out);
	expect([await reachable('127.0.0.1', port), await reachable('127.0.0.2', port)]).toEqual([
		true,
		true,
	]);
	expect(out).toContain(`API Base URL:   http://127.0.0.1:${port}`);
	expect(out).toContain('host.docker.internal');
});

test('a port in use is reported with the npm form of --port', async () => {
	const busy: Server = createServer();
	await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
	const port = (busy.address() as { port: number }).port;
	try {
		const { err, code } = await startCli('--port', String(port));
		expect(code).toBe(1);
		expect(err).toContain(
			`Port ${port} is already in use; pick another: npm run sandbox -- --port N`,
		);
	} finally {
		busy.close();
	}
});

test('--guide while a sandbox already listens on the port (npm start running): the guide for that one, exit 0', async () => {
	const sb = await startSandbox({ port: 0 });
	try {
		const { out, code } = await startCli('--port', String(sb.port), '--guide');
		expect(code).toBe(0);
		expect(out).toContain(`A Wink sandbox is already listening on ${sb.url}`);
		expect(out).toContain(`Token URL:      ${sb.tokenUrl}`);
		expect(out).toContain(sb.managingEntityId);
		expect(out).not.toContain('Press Ctrl+C');
	} finally {
		await sb.close();
	}
});

test('--rate-limit N: a gateway lets N API requests a second through, then answers 429 with Retry-After', async () => {
	const { out } = await startCli('--port', '0', '--rate-limit', '3');
	expect(out).toContain('Rate-limit mode: 3 API requests a second');
	const port = listening(out);
	// The gateway answers before authentication: no token is needed to see it.
	const url = `http://127.0.0.1:${port}/api/managing-entity/x/payment/balance`;
	const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(url)));
	expect(answers.filter((r) => r.status === 429)).toHaveLength(2);
	expect(answers.filter((r) => r.status === 429).map((r) => r.headers.get('retry-after'))).toEqual([
		'1',
		'1',
	]);
	// A reset does not turn it off: it is the mode the sandbox was started in.
	await fetch(`http://127.0.0.1:${port}/__sandbox/reset`, { method: 'POST' });
	expect(
		(
			(await fetch(`http://127.0.0.1:${port}/__sandbox/faults`).then((r) => r.json())) as unknown[]
		)[0],
	).toEqual({ rateLimit: 3 });
});
