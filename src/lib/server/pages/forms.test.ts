// formAction: the skeleton every form action shares (who may send it, the parse, the rate limit,
// the refusal's shape), run on real requests, a real zod schema and the database's rate limits.
import { describe, expect, it, vi } from 'vitest';
import { isActionFailure, isRedirect, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { SessionUser } from '$lib/server/auth/session';
import { requireUser } from '$lib/server/auth/guard';
import { useTestDatabase } from '$tests/helpers/database';
import { anyone, formAction, rateLimitedMessage } from './forms';

useTestDatabase();

const schema = z.object({
	email: z.email(),
	displayName: z.string().trim().min(1).max(60),
	password: z.string().min(8)
});

const person: SessionUser = {
	id: 7,
	email: 'person@example.org',
	displayName: '참여자',
	organisation: '',
	stakeholderGroup: 'government',
	roles: []
};

function post(fields: Record<string, string>, user: SessionUser | null = person, address = '203.0.113.9'): RequestEvent {
	const url = new URL('http://localhost/somewhere?/send');
	return {
		request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) }),
		url,
		locals: { user, session: null },
		params: {},
		getClientAddress: () => address
	} as unknown as RequestEvent;
}

/** The refusal an action answered with; fails the test when it answered anything else. */
function refusalOf<T>(result: T): Extract<T, ActionFailure<unknown>> {
	if (!isActionFailure(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
	return result as Extract<T, ActionFailure<unknown>>;
}

const good = { email: 'a@example.org', displayName: '  이름  ', password: 'long-enough' };

describe('formAction', () => {
	it('hands the parsed form and the signed-in person to the action, and returns what it returns', async () => {
		const action = formAction(schema, async ({ data, user, values }) => ({ saved: data.displayName, by: user.id, values }));
		const result = await action(post(good));
		expect(result).toEqual({ saved: '이름', by: 7, values: { email: 'a@example.org', displayName: '  이름  ' } });
	});

	it('refuses a bad field with 400, its message in the reader’s language and the text typed kept (never the password)', async () => {
		const run = vi.fn();
		const action = formAction(schema, run);
		const result = refusalOf(await action(post({ ...good, email: 'not-an-email', displayName: '' })));
		expect(run).not.toHaveBeenCalled();
		expect(result.status).toBe(400);
		expect(result.data.errors).toEqual({ email: m.error_email_invalid(), displayName: m.error_required() });
		expect(result.data.errors.email).toBe('올바른 이메일 주소를 입력하세요.');
		expect(result.data.values).toEqual({ email: 'not-an-email', displayName: '' });
	});

	it('gives a refusal the page’s own shape, told why', async () => {
		const action = formAction(schema, { failure: (failure, reason) => ({ profile: failure, reason }) }, () => ({ ok: true }));
		const result = refusalOf(await action(post({ ...good, displayName: 'x'.repeat(61) })));
		expect(result.data).toEqual({
			profile: { values: { email: good.email, displayName: 'x'.repeat(61) }, errors: { displayName: m.error_too_long({ max: 60 }) } },
			reason: 'invalid'
		});
	});

	it('refuses a signed-out sender with 401 and the sign-in message, keeping the text, before the action runs', async () => {
		const run = vi.fn();
		const result = refusalOf(await formAction(schema, run)(post(good, null)));
		expect(run).not.toHaveBeenCalled();
		expect(result.status).toBe(401);
		expect(result.data).toEqual({ values: { email: good.email, displayName: good.displayName }, errors: { form: m.error_sign_in_required() } });

		const own = refusalOf(await formAction(schema, { signInMessage: m.comment_sign_in_again }, run)(post({ email: '' }, null)));
		expect(own.status).toBe(401);
		expect(own.data.errors).toEqual({ form: m.comment_sign_in_again() });
	});

	it('lets a guard send the signed-out elsewhere, and `anyone` through', async () => {
		const guarded = formAction(schema, { user: ({ locals, url }) => requireUser(locals, url) }, () => ({ ok: true }));
		const thrown = await guarded(post(good, null)).catch((error: unknown) => error);
		expect(isRedirect(thrown) && thrown.location).toBe('/login?redirectTo=%2Fsomewhere%3F%2Fsend');

		const open = formAction(schema, { user: anyone }, ({ user }) => ({ user }));
		expect(await open(post(good, null))).toEqual({ user: null });
	});

	it('maps a spent rate limit to 429 with the wait in minutes, in the reader’s language', async () => {
		const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
		const action = formAction(schema, { user: anyone }, async ({ limit, event }) => {
			const limited = await limit('registerIp', `${event.getClientAddress()}-${address}`);
			if (limited) return limited;
			return { registered: true };
		});
		for (let i = 0; i < 10; i++) expect(await action(post(good, null, address))).toEqual({ registered: true });
		const refused = refusalOf(await action(post(good, null, address)));
		expect(refused.status).toBe(429);
		expect(refused.data.values).toEqual({ email: good.email, displayName: good.displayName });
		expect(refused.data.errors.form).toBe(rateLimitedMessage(3600));
		expect(refused.data.errors.form).toBe('시도가 너무 많습니다. 60분 뒤에 다시 시도해 주세요.');
	});

	it('words a limit counted elsewhere the same way, never less than a minute', async () => {
		const action = formAction(schema, { user: anyone }, ({ limited }) => limited(5));
		const result = refusalOf(await action(post(good, null)));
		expect(result.status).toBe(429);
		expect(result.data.errors).toEqual({ form: '시도가 너무 많습니다. 1분 뒤에 다시 시도해 주세요.' });
		expect(rateLimitedMessage(61)).toBe(m.error_rate_limited({ minutes: 2 }));
	});

	it('lets the action refuse in the same shape, and redirect', async () => {
		const action = formAction(schema, { failure: ({ errors }) => ({ password: { errors } }) }, ({ data, refuse }) => {
			if (data.email === 'taken@example.org') return refuse(400, { email: m.error_email_taken() });
			redirect(303, '/done');
		});
		const refused = refusalOf(await action(post({ ...good, email: 'taken@example.org' })));
		expect(refused.data).toEqual({ password: { errors: { email: m.error_email_taken() } } });
		const thrown = await action(post(good)).catch((error: unknown) => error);
		expect(isRedirect(thrown) && thrown.status).toBe(303);
	});
});
