// Shared by the commentary tests (not a test itself): a published plan, two participants, a way to
// write as them, and a check of the refusal a promise ends in.
import { expect } from 'vitest';
import { createPublishedPlan, createUser } from '$tests/helpers/factories';
import { CommentError, type CommentErrorCode } from './errors';
import * as comments from './write';

export const key = () => `key-${Math.random().toString(36).slice(2)}`;

export async function setup() {
	const { plan, version, official } = await createPublishedPlan();
	const alice = await createUser({ displayName: '김영희', organisation: '광명 생협', group: 'cooperative' });
	const bob = await createUser({ displayName: '이철수' });
	const write = (authorId: number, body: string, extra: Partial<comments.NewComment> = {}) =>
		comments.create({
			planId: plan.id,
			sectionKey: 'support-centre',
			kind: 'concern',
			body,
			authorId,
			idempotencyKey: key(),
			...extra
		});
	return { plan, version, official, alice, bob, write };
}

export async function expectCode(promise: Promise<unknown>, code: CommentErrorCode) {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(CommentError);
	expect((error as CommentError).code).toBe(code);
}
