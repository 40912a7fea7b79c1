// Whether the viewport is phone-sized (charts pick shorter labels and heights). Create during component init.
export class Narrow {
	value = $state(false);
	constructor(query = '(max-width: 640px)') {
		$effect(() => {
			const mq = matchMedia(query);
			this.value = mq.matches;
			const on = () => (this.value = mq.matches);
			mq.addEventListener('change', on);
			return () => mq.removeEventListener('change', on);
		});
	}
}
