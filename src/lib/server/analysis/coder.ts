// Who may code commentary. Checked in every coding module too, so no caller can skip the rule that
// only researchers code.
import { can } from '$lib/roles';

export type CodingErrorCode = 'forbidden' | 'comment_not_found' | 'theme_not_found';

export class CodingError extends Error {
	constructor(readonly code: CodingErrorCode) {
		super(code);
		this.name = 'CodingError';
	}
}

/** Whoever acts. */
export interface Actor {
	id: number;
	roles: readonly string[];
}

export function assertCoder(actor: Actor): void {
	if (!can(actor, 'comments.tag')) throw new CodingError('forbidden');
}
