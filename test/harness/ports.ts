import { connect } from 'node:net';

/**
 * A local port that refuses connections, and stays so: port 1 is below 1024, so no listen(0) of
 * this or another jest worker is ever given it. A port freed by closing a server (as the tests
 * did) could be handed meanwhile to another worker's sandbox, which then answered the request
 * meant to be refused: "unreachable token URL" failed under load.
 */
export async function refusedPort(): Promise<number> {
	const port = 1;
	const code = await new Promise<string>((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve('it accepted a connection');
		});
		socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
	});
	if (code !== 'ECONNREFUSED')
		throw new Error(
			`127.0.0.1:${port} does not refuse connections (${code}); these tests need a port nothing listens on`,
		);
	return port;
}
