// CSV as clerks have it: files saved from Excel or WPS (UTF-8 with or without a BOM, or GBK on
// older Chinese systems), quoted fields with commas and line breaks inside, and exports that
// Excel opens with the Chinese intact (UTF-8 with a BOM, CRLF line ends).

/** How a file's bytes were read. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

/**
 * Reads a CSV file's bytes as text. UTF-8 (a BOM is dropped) when the bytes are valid UTF-8;
 * otherwise GBK (GB 18030 covers it), which is what Excel on a Chinese Windows saves as "CSV".
 * Throws when the bytes are neither (a spreadsheet's binary .xlsx, say), with a sentence key.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (looksBinary(bytes)) throw new CsvError('csv.binary');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gbk' };
    } catch {
      throw new CsvError('csv.encoding');
    }
  }
}

/** An .xlsx (a zip: "PK") or any file with NUL bytes is not a CSV file. */
function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) return true;
  return bytes.subarray(0, 4096).includes(0);
}

/** A CSV problem, carrying the console's message key. */
export class CsvError extends Error {
  constructor(readonly key: 'csv.binary' | 'csv.encoding' | 'csv.quote') {
    super(key);
  }
}

/**
 * Parses CSV text (RFC 4180: `"` quotes, `""` inside quotes, commas and line breaks in quoted
 * fields; CRLF, LF or CR line ends). Returns the rows with their 1-based starting line numbers;
 * empty lines are skipped. A tab-separated file (Excel's "Unicode text") is read as well.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw new CsvError('csv.quote');
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/**
 * One cell for a CSV export. Quoted when it holds a separator, a quote or a line break; a text
 * that Excel would run as a formula (starting with = + - @) gets a leading apostrophe, so an
 * exported title can never become a formula on a clerk's machine.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV text for Excel: a UTF-8 BOM first (Excel then reads UTF-8, so Chinese stays), CRLF line ends. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offers `csv` as a download named `name` (the browser's Save dialog or Downloads folder). */
export function downloadCsv(name: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
