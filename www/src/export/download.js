// Saves bytes or text as a file through a Blob URL (works from file://).

export function download(filename, data, mime) {
  const blob = data instanceof Blob ? data : new Blob([data], { type: mime || 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A data: URL (from ECharts) → Blob. */
export function dataUrlToBlob(dataUrl) {
  const [head, body] = dataUrl.split(',');
  const mime = (/data:([^;,]+)/.exec(head) || [])[1] || 'application/octet-stream';
  if (/;base64/.test(head)) {
    const bin = atob(body);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: mime });
  }
  return new Blob([decodeURIComponent(body)], { type: mime });
}

/** A file name from a title: keeps letters, digits (CJK too), "-" and "."; joins the rest with "_". */
export function fileName(title, ext) {
  const base = String(title || 'aidstat').replace(/[^\p{L}\p{N}.-]+/gu, '_').replace(/^[_.]+|[_.]+$/g, '').slice(0, 60) || 'aidstat';
  return `aidstat_${base}.${ext}`;
}
