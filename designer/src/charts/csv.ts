/** A table as header + rows, the shape a chart's data is downloaded in. */
export interface CsvTable {
  columns: string[];
  rows: (string | number | null | undefined)[][];
}

/** RFC 4180 text: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(table: CsvTable): string {
  const field = (v: string | number | null | undefined) => {
    const s = v == null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns, ...table.rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A data: URL for an <a download> link: no blob URL to revoke, and a download is not a navigation the CSP blocks. */
export function csvDownloadHref(table: CsvTable): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(table))}`;
}
