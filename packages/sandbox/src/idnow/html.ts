export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tagged template that escapes every interpolated value unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const rendered = Array.isArray(value)
      ? value.map((item) => (item instanceof SafeHtml ? item.value : escapeHtml(String(item)))).join('')
      : value instanceof SafeHtml
        ? value.value
        : value === null || value === undefined || value === false
          ? ''
          : escapeHtml(String(value));
    out += rendered + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** The stylesheet of the identification page, served from the sandbox itself (no inline styles or scripts). */
export const PAGE_CSS = `
:root { color-scheme: light; font-family: system-ui, sans-serif; }
body { margin: 0; background: #f2f4f7; color: #1d2433; }
header { background: #0b3d91; color: #fff; padding: 14px 24px; font-weight: 600; }
main { max-width: 520px; margin: 32px auto; background: #fff; border-radius: 8px; padding: 24px 28px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h1 { font-size: 1.35rem; margin-top: 0; }
label { display: block; margin: 12px 0 4px; }
input[type=text], input[type=tel] { width: 100%; box-sizing: border-box; padding: 8px 10px; font-size: 1rem; border: 1px solid #9aa4b5; border-radius: 4px; }
.check { display: flex; gap: 8px; align-items: flex-start; margin: 10px 0; }
.check input { margin-top: 3px; }
.check label { margin: 0; }
button { margin-top: 18px; background: #0b3d91; color: #fff; border: 0; border-radius: 4px; padding: 10px 18px; font-size: 1rem; cursor: pointer; }
.error { background: #fdecea; color: #8a1c12; border-radius: 4px; padding: 10px 12px; margin: 12px 0; }
.note { color: #4a5568; font-size: .9rem; }
ol.steps li { margin: 6px 0; }
.status { font-weight: 600; }
`;
