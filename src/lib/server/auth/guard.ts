import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can, type Capability } from '$lib/roles';
import type { SessionUser } from './session';

/** Sends a signed-out visitor to sign in, then back to where they were. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return locals.user;
}

/** 401 for a signed-out visitor, 403 for a signed-in one without the capability. */
export function requireCapability(locals: App.Locals, capability: Capability): SessionUser {
	if (!locals.user) error(401, { message: m.error_sign_in_required(), code: 'unauthorised' });
	if (!can(locals.user, capability)) error(403, { message: m.error_forbidden(), code: 'forbidden' });
	return locals.user;
}
