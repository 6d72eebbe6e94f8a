import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '$tests/helpers/database';
import { gathered, MAX_GATHERED } from './gather';

useTestDatabase();

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('gathered calls', () => {
	it('runs the calls of one turn together and gives each its own result', async () => {
		const runs: number[][] = [];
		const double = gathered(async (items: number[]) => {
			runs.push(items);
			return items.map((item) => item * 2);
		});
		expect(await Promise.all([1, 2, 3].map(double))).toEqual([2, 4, 6]);
		expect(await double(5)).toBe(10);
		expect(runs).toEqual([[1, 2, 3], [5]]);
	});

	it('fails every caller of a failed run, and runs the next turn afresh', async () => {
		let fail = true;
		const check = gathered(async (items: string[]) => {
			if (fail) throw new Error('refused');
			return items;
		});
		const first = await Promise.allSettled(['a', 'b'].map(check));
		expect(first.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		fail = false;
		expect(await check('c')).toBe('c');
	});

	it('splits more than a run takes into runs of at most MAX_GATHERED', async () => {
		const sizes: number[] = [];
		const same = gathered(async (items: number[]) => {
			sizes.push(items.length);
			return items;
		});
		const all = Array.from({ length: MAX_GATHERED * 2 + 5 }, (_, i) => i);
		expect(await Promise.all(all.map(same))).toEqual(all);
		expect(sizes).toEqual([MAX_GATHERED, MAX_GATHERED, 5]);
	});

	it('one at a time: a run starts only when the one before has finished, with all that arrived meanwhile', async () => {
		let running = 0;
		let overlapped = false;
		const runs: number[][] = [];
		let release: () => void = () => {};
		const write = gathered(
			async (items: number[]) => {
				running++;
				overlapped ||= running > 1;
				runs.push(items);
				if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
				else await turn();
				running--;
				return items;
			},
			{ oneAtATime: true }
		);
		const first = write(1);
		await turn();
		await turn();
		const meanwhile = [write(2), write(3)];
		await turn();
		const later = write(4);
		await turn();
		expect(runs).toEqual([[1]]);
		release();
		expect(await Promise.all([first, ...meanwhile, later])).toEqual([1, 2, 3, 4]);
		expect(runs).toEqual([[1], [2, 3, 4]]);
		expect(overlapped).toBe(false);
	});
});
