// Server-sent events for a section page: every comment created or changed on that section reaches
// the page within moments, from any app instance (channel.ts carries them between instances).
import * as events from '$lib/server/events/channel';
import * as comments from '$lib/server/commentary/views';
import type { Viewer } from '$lib/server/commentary/views';

const HEARTBEAT_MS = 25_000;
const VIEW_CACHE_MS = 5_000;

/** One database read per new comment per instance, however many pages are watching. */
const recentViews = new Map<number, { at: number; view: Promise<comments.CommentView | null> }>();

function publicView(commentId: number): Promise<comments.CommentView | null> {
	const now = Date.now();
	for (const [id, entry] of recentViews) if (now - entry.at > VIEW_CACHE_MS) recentViews.delete(id);
	let entry = recentViews.get(commentId);
	if (!entry) {
		entry = { at: now, view: comments.byId(commentId, null) };
		recentViews.set(commentId, entry);
	}
	return entry.view;
}

export function sectionEventStream(planId: number, sectionKey: string, viewer: Viewer | null): Response {
	const encoder = new TextEncoder();
	let stop: (() => void) | undefined;
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (event: string, data: unknown) => {
				try {
					controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
				} catch {
					// the page went away between the event and the write
				}
			};
			controller.enqueue(encoder.encode(`retry: 2000\n\n`));
			stop = await events.subscribe(async (event) => {
				if (event.planId !== planId || event.sectionKey !== sectionKey) return;
				if (event.type !== 'created') return send('refresh', { commentId: event.commentId });
				const view = await publicView(event.commentId).catch(() => null);
				if (!view) return;
				const isMine = viewer !== null && view.author?.kind === 'user' && view.author.id === viewer.id;
				send('comment', { ...view, isMine });
			});
			heartbeat = setInterval(() => {
				try {
					controller.enqueue(encoder.encode(`: keep-alive\n\n`));
				} catch {
					clearInterval(heartbeat);
				}
			}, HEARTBEAT_MS);
		},
		cancel() {
			clearInterval(heartbeat);
			stop?.();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			connection: 'keep-alive',
			'x-accel-buffering': 'no'
		}
	});
}
