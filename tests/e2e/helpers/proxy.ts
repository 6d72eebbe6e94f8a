// A TCP proxy in front of the database server that a test can cut and restore, to make the
// database "unreachable" for the app without touching the server itself.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from './server';

export interface TcpProxy {
	port: number;
	/** Drops every open connection and refuses new ones. */
	cut: () => void;
	restore: () => void;
	close: () => Promise<void>;
}

export async function tcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
	const port = await freePort();
	const sockets = new Set<Socket>();
	let server: Server | null = null;
	const listen = () =>
		new Promise<void>((resolve) => {
			server = createServer((client) => {
				const upstream = connect(targetPort, targetHost);
				for (const socket of [client, upstream]) {
					sockets.add(socket);
					socket.on('close', () => sockets.delete(socket));
					socket.on('error', () => socket.destroy());
				}
				client.pipe(upstream).pipe(client);
				client.on('close', () => upstream.destroy());
				upstream.on('close', () => client.destroy());
			});
			server.listen(port, '127.0.0.1', () => resolve());
		});
	await listen();
	return {
		port,
		cut() {
			server?.close();
			server = null;
			for (const socket of sockets) socket.destroy();
		},
		restore() {
			void listen();
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
		}
	};
}
