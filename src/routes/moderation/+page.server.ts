import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { commentIdSchema, reasonSchema } from '$lib/schemas/comments';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/pages/forms';
import * as moderation from '$lib/server/commentary/moderation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	requireCapability(locals, 'moderation.act');
	const [queue, hidden] = await Promise.all([moderation.queue(), moderation.recentlyHidden()]);
	return { queue, hidden };
};

export const actions: Actions = {
	hideComment: async ({ locals, request }) => {
		const moderator = requireCapability(locals, 'moderation.act');
		const parsed = parseForm(reasonSchema, await request.formData());
		if (!parsed.ok) {
			return fail(400, { commentId: Number(parsed.values.commentId), values: parsed.values, errors: parsed.errors });
		}
		try {
			await moderation.hide(parsed.data.commentId, moderator.id, parsed.data.reason);
		} catch {
			return fail(409, { commentId: parsed.data.commentId, values: parsed.values, errors: { form: m.moderation_already_hidden() } });
		}
		redirect(303, '/moderation?done=hidden');
	},
	dismissFlags: async ({ locals, request }) => {
		const moderator = requireCapability(locals, 'moderation.act');
		const parsed = parseForm(commentIdSchema, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await moderation.dismissFlags(parsed.data.commentId, moderator.id);
		redirect(303, '/moderation?done=dismissed');
	},
	restoreComment: async ({ locals, request }) => {
		const moderator = requireCapability(locals, 'moderation.act');
		const parsed = parseForm(commentIdSchema, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		try {
			await moderation.restore(parsed.data.commentId, moderator.id);
		} catch {
			return fail(409, { errors: { form: m.comment_error_missing() } });
		}
		redirect(303, '/moderation?done=restored');
	}
};
