// For routes only (it speaks paraglide): what a refused comment action tells the person, and its
// HTTP status. Domain modules throw CommentError and never import this.
import { m } from '$lib/paraglide/messages';
import type { CommentErrorCode } from '../commentary/errors';

/** What to tell the person, in their language, when a comment action is refused. */
export function commentErrorMessage(code: CommentErrorCode): string {
	switch (code) {
		case 'plan_not_found':
			return m.error_not_found();
		case 'section_not_found':
			return m.comment_error_section();
		case 'period_closed':
			return m.comment_error_period_closed();
		case 'parent_not_found':
			return m.comment_error_parent();
		case 'comment_not_found':
			return m.comment_error_missing();
		case 'not_author':
			return m.comment_error_not_author();
		case 'not_editable':
			return m.comment_error_not_editable();
		case 'own_comment':
			return m.comment_error_own();
		case 'quote_not_found':
			return m.comment_error_quote();
		case 'key_reused':
			return m.comment_error_key_reused();
	}
}

export function commentErrorStatus(code: CommentErrorCode): number {
	switch (code) {
		case 'not_author':
			return 403;
		case 'period_closed':
		case 'not_editable':
		case 'key_reused':
			return 409;
		case 'plan_not_found':
		case 'comment_not_found':
			return 404;
		default:
			return 400;
	}
}
