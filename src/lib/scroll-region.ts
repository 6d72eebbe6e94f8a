import type { Attachment } from 'svelte/attachments';

/**
 * A box that scrolls sideways (a wide table on a phone) becomes a focusable, named region while it
 * overflows, so it can be scrolled with the arrow keys; when everything fits it is no tab stop at all.
 * The name is `label`, else the caption of the table inside.
 */
export function scrollRegion(label?: string): Attachment<HTMLElement> {
	return (element) => {
		const update = () => {
			const scrolls = /auto|scroll/.test(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth + 1;
			const name = label ?? element.querySelector('caption')?.textContent?.trim();
			if (scrolls && name) {
				element.tabIndex = 0;
				element.setAttribute('role', 'region');
				element.setAttribute('aria-label', name);
			} else {
				element.removeAttribute('tabindex');
				element.removeAttribute('role');
				element.removeAttribute('aria-label');
			}
		};
		update();
		const observer = new ResizeObserver(update);
		observer.observe(element);
		for (const child of element.children) observer.observe(child);
		return () => observer.disconnect();
	};
}
