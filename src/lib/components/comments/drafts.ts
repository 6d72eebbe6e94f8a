// Keeps what someone is writing in localStorage until it is saved, so a reload, a lost connection
// or an expired session never costs them their text.
const PREFIX = 'plan-draft:';

export function draftKey(path: string, parentId: number | null): string {
	return `${PREFIX}${path}:${parentId ?? 'top'}`;
}

export function loadDraft(key: string): { body: string; kind: string; quote: string } | null {
	try {
		const raw = localStorage.getItem(key);
		return raw ? JSON.parse(raw) : null;
	} catch {
		return null;
	}
}

export function saveDraft(key: string, draft: { body: string; kind: string; quote: string }): void {
	try {
		if (draft.body.trim() || draft.quote.trim()) localStorage.setItem(key, JSON.stringify(draft));
		else localStorage.removeItem(key);
	} catch {
		// storage full or disabled: the form still holds the text
	}
}

export function clearDraft(key: string): void {
	try {
		localStorage.removeItem(key);
	} catch {
		// nothing to clear
	}
}
