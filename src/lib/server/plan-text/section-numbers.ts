/** "1", "2", "2.1": chapters count on their own, subsections within their chapter. */
export function numberSections<T extends { key: string; parentKey: string | null }>(sections: T[]): (T & { number: string; depth: number })[] {
	const numbers = new Map<string, string>();
	const children = new Map<string, number>();
	let top = 0;
	return sections.map((section) => {
		const parentNumber = section.parentKey ? numbers.get(section.parentKey) : undefined;
		let number: string;
		if (parentNumber) {
			const next = (children.get(section.parentKey!) ?? 0) + 1;
			children.set(section.parentKey!, next);
			number = `${parentNumber}.${next}`;
		} else {
			number = String(++top);
		}
		numbers.set(section.key, number);
		return { ...section, number, depth: number.split('.').length };
	});
}
