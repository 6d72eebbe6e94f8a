import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { transcriptSchema } from '$lib/schemas/sessions';
import { analyseTranscript } from '$lib/transcripts/parse';
import { requireCapability, requireUser } from '$lib/server/auth/guard';
import { formAction } from '$lib/server/pages/forms';
import * as plans from '$lib/server/plan-text/plans';
import { importStatements } from '$lib/server/meetings/statements';
import { withPlanOr404 } from '../meeting.server';
import { numberSections } from '$lib/server/plan-text/section-numbers';
import { applyOperation, rowsFromForm, rowsFromStatements, validateRows } from '$lib/server/pages/transcript-preview';
import type { Actions, PageServerLoad } from './$types';

async function sectionsFor(planId: number, versionNumber: number | null) {
	const version = versionNumber === null ? await plans.currentVersion(planId) : await plans.versionByNumber(planId, versionNumber);
	return version ? numberSections(await plans.sectionsOf(version.id)).map((s) => ({ key: s.key, heading: s.heading, number: s.number })) : [];
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	requireUser(locals, url);
	requireCapability(locals, 'sessions.manage');
	const { session, plan } = await withPlanOr404(params.id);
	return {
		session: { id: session.id, title: session.title, statementCount: session.statementCount },
		plan: { slug: plan.slug, title: plan.title },
		sections: await sectionsFor(plan.id, session.versionNumber)
	};
};

export const actions = {
	previewTranscript: formAction(
		transcriptSchema,
		{
			user: async ({ params, locals }) => {
				const official = requireCapability(locals, 'sessions.manage');
				await withPlanOr404(params.id);
				return official;
			},
			failure: ({ values, errors }) => ({ transcript: values.transcript ?? '', errors })
		},
		async ({ data, refuse, event }) => {
			const { plan } = await withPlanOr404(event.params.id);
			const rows = rowsFromStatements(analyseTranscript(data.transcript).statements, plan.organisation);
			if (rows.length === 0) return refuse(400, { transcript: m.import_nothing_found() });
			return { transcript: data.transcript, rows };
		}
	),

	updatePreview: async ({ params, locals, request }) => {
		requireCapability(locals, 'sessions.manage');
		await withPlanOr404(params.id);
		const form = await request.formData();
		const rows = applyOperation(rowsFromForm(form), String(form.get('op') ?? ''));
		return { transcript: String(form.get('transcript') ?? ''), rows };
	},

	importStatements: async ({ params, locals, request }) => {
		const official = requireCapability(locals, 'sessions.manage');
		const { session, plan } = await withPlanOr404(params.id);
		const form = await request.formData();
		const rows = rowsFromForm(form);
		const transcript = String(form.get('transcript') ?? '');
		const keys = new Set((await sectionsFor(plan.id, session.versionNumber)).map((s) => s.key));
		const checked = validateRows(rows, keys);
		if (!checked.ok) return fail(400, { transcript, rows, errors: checked.errors });
		if (checked.statements.length === 0) {
			return fail(400, { transcript, rows, errors: { form: m.import_all_dropped() } });
		}
		const { created, skipped } = await importStatements(session.id, checked.statements, official.id);
		redirect(303, `/sessions/${session.id}?imported=${created}&skipped=${skipped}`);
	}
} satisfies Actions;
