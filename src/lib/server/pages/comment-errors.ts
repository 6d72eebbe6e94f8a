// For routes only (it speaks paraglide): what a refused comment action tells the person, and its
// HTTP status. Domain modules throw CommentError and never import this.
import { m } from '$lib/paraglide/messages';
import type { CommentErrorCode } from '../commentary/errors';

/** Per refusal: its words (a function, so they are in the reader's language) and its status. */
const REFUSALS: Record<CommentErrorCode, { message: () => string; status: number }> = {
	plan_not_found: { message: m.error_not_found, status: 404 },
	section_not_found: { message: m.comment_error_section, status: 400 },
	period_closed: { message: m.comment_error_period_closed, status: 409 },
	parent_not_found: { message: m.comment_error_parent, status: 400 },
	comment_not_found: { message: m.comment_error_missing, status: 404 },
	not_author: { message: m.comment_error_not_author, status: 403 },
	not_editable: { message: m.comment_error_not_editable, status: 409 },
	own_comment: { message: m.comment_error_own, status: 400 },
	quote_not_found: { message: m.comment_error_quote, status: 400 },
	key_reused: { message: m.comment_error_key_reused, status: 409 }
};

/** What to tell the person, in their language, when a comment action is refused. */
export function commentErrorMessage(code: CommentErrorCode): string {
	return REFUSALS[code].message();
}

export function commentErrorStatus(code: CommentErrorCode): number {
	return REFUSALS[code].status;
}
