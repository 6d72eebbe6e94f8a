// Node answers a request it cannot parse (a head over maxHeaderSize, such as a 100 KB address) by
// itself, then destroys the socket while the client may still be sending: the client sees a reset
// instead of the answer. Here the answer is written, and what still arrives is read and dropped
// before the connection closes, so the answer is what the client gets.
import { subscribe } from 'node:diagnostics_channel';
import { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { m } from '$lib/paraglide/messages';

/** Node publishes every server that starts listening here (the one adapter-node creates, too). */
const LISTEN_CHANNEL = 'tracing:net.server.listen:asyncStart';
/** How long a refused client has to finish sending before its connection is closed anyway. */
const LINGER_MS = 2_000;
const HEADERS_TOO_LARGE = 431;
const ANSWERS: Record<string, [number, string]> = {
	HPE_HEADER_OVERFLOW: [HEADERS_TOO_LARGE, 'Request Header Fields Too Large'],
	HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large'],
	ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout']
};
const BAD_REQUEST: [number, string] = [400, 'Bad Request'];

const answered = new WeakSet<Duplex>();

// The request's language is not known (its headers were not read): Korean first, then English.
const inBothLanguages = (message: (inputs: object, options: { locale: 'ko' | 'en' }) => string) =>
	`${message({}, { locale: 'ko' })}\n${message({}, { locale: 'en' })}\n`;

function onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
	// The parser reports again on every later chunk; the first report is answered.
	if (answered.has(socket)) return;
	answered.add(socket);
	const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
	if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
		socket.destroy();
		return;
	}
	const [status, reason] = ANSWERS[error.code ?? ''] ?? BAD_REQUEST;
	const text = inBothLanguages(status === HEADERS_TOO_LARGE ? m.error_headers_too_large : m.error_bad_request);
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\n` +
			`content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`
	);
	socket.once('end', () => socket.destroy());
	setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

let installed = false;

/** Every HTTP server of this process that starts listening from now on answers as above. */
export function answerClientErrors(): void {
	if (installed) return;
	installed = true;
	subscribe(LISTEN_CHANNEL, (message) => {
		const { server } = message as { server?: unknown };
		if (server instanceof Server && server.listenerCount('clientError') === 0) server.on('clientError', onClientError);
	});
}
