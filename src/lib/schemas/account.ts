import { z } from 'zod';
import { ROLES, STAKEHOLDER_GROUPS } from '$lib/roles';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const email = z
	.string()
	.trim()
	.min(1)
	.max(254)
	.pipe(z.email({ error: 'email_invalid' }));
const password = z.string().min(1).max(PASSWORD_MAX);
const newPassword = z.string().min(PASSWORD_MIN, { error: 'password_short' }).max(PASSWORD_MAX);

export const profileSchema = z.object({
	displayName: z.string().trim().min(1).max(60),
	organisation: z.string().trim().max(120).default(''),
	stakeholderGroup: z.enum(STAKEHOLDER_GROUPS)
});

export const registerSchema = profileSchema
	.extend({
		email,
		password: newPassword,
		confirmPassword: z.string()
	})
	.refine((form) => form.password === form.confirmPassword, {
		path: ['confirmPassword'],
		error: 'password_mismatch'
	});

export const signInSchema = z.object({ email, password });

export const changePasswordSchema = z
	.object({
		currentPassword: password,
		newPassword,
		confirmPassword: z.string()
	})
	.refine((form) => form.newPassword === form.confirmPassword, {
		path: ['confirmPassword'],
		error: 'password_mismatch'
	});

export const rolesSchema = z.object({
	userId: z.coerce.number().int().positive(),
	roles: z
		.union([z.enum(ROLES), z.array(z.enum(ROLES))])
		.optional()
		.transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
});

/** Stands in for the app's own origin while a redirect target is read. */
const HERE = 'http://here.invalid';

/**
 * Only same-site paths: an open redirect after sign-in would be a phishing tool. The target is
 * read the way a browser reads a Location header (tabs and newlines dropped, "\" as "/"), so
 * "/\t/evil.example" cannot turn into "//evil.example"; what is returned is that reading.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(target, HERE);
	} catch {
		return fallback;
	}
	if (url.origin !== HERE) return fallback;
	return `${url.pathname}${url.search}${url.hash}`;
}
