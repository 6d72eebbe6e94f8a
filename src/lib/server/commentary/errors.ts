// Why a comment action was refused; routes turn the code into a message and a status.
export type CommentErrorCode =
	| 'plan_not_found'
	| 'section_not_found'
	| 'period_closed'
	| 'parent_not_found'
	| 'comment_not_found'
	| 'not_author'
	| 'not_editable'
	| 'own_comment'
	| 'quote_not_found'
	| 'key_reused';

export class CommentError extends Error {
	constructor(readonly code: CommentErrorCode) {
		super(code);
		this.name = 'CommentError';
	}
}
