import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { sessionSchema } from '$lib/schemas/sessions';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { formAction } from '$lib/server/pages/forms';
import * as plans from '$lib/server/plan-text/plans';
import * as sessions from '$lib/server/meetings/meetings';
import { withPlanOr404 } from '../meeting.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireUser(locals, url);
	requireCapability(locals, 'sessions.manage');
	const { session, plan } = await withPlanOr404(params.id);
	const versions = await plans.publishedVersions(plan.id);
	return {
		session,
		values: {
			title: session.title,
			kind: session.kind,
			heldOn: session.heldOn,
			place: session.place,
			attendees: session.attendees === null ? '' : String(session.attendees),
			versionNumber: session.versionNumber === null ? '' : String(session.versionNumber),
			notes: session.notes
		},
		versions: versions.map((v) => ({ number: v.number, title: v.title }))
	};
};

export const actions = {
	updateSession: formAction(
		sessionSchema,
		{ user: ({ locals }) => requireCapability(locals, 'sessions.manage') },
		async ({ data, user, event, refuse }) => {
			const { session } = await withPlanOr404(event.params.id);
			try {
				await sessions.update(session.id, data, user.id);
			} catch (err) {
				if (err instanceof sessions.SessionError) return refuse(400, { versionNumber: m.error_choice() });
				throw err;
			}
			redirect(303, `/sessions/${session.id}`);
		}
	)
} satisfies Actions;
