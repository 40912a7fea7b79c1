// A bulletin file fetched by the page itself, so the button can say the file is being prepared (a PDF takes a few
// seconds to print) until the browser's download starts, and show the server's error instead of a broken download.

/** The file name of an RFC 6266 attachment header: filename* (UTF-8) first, then the plain filename. */
export function fileNameOf(disposition: string | null): string | null {
	if (!disposition) return null;
	const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim());
		} catch {
			// a malformed escape: fall back to the plain name
		}
	}
	const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
	return plain ? (plain[1] ?? plain[2]).trim() : null;
}

/** Fetches url and hands it to the browser as a download; resolves with the error message to show, or null. */
export async function downloadFile(url: string, fallbackName: string, failed: string): Promise<string | null> {
	let res: Response;
	try {
		res = await fetch(url, { credentials: 'same-origin' });
	} catch {
		return failed;
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		return body?.message || failed;
	}
	const blob = await res.blob();
	const href = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = href;
	a.download = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
	document.body.append(a);
	a.click();
	a.remove();
	// The download has started from the object URL; release it once the browser has taken it.
	setTimeout(() => URL.revokeObjectURL(href), 60_000);
	return null;
}
