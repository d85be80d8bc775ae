/**
 * Renders rows as an aligned plain-text table, like `kubectl get`: models read it well and
 * it costs far fewer tokens than JSON.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    rows.reduce((widest, row) => Math.max(widest, (row[column] ?? '').length), header.length),
  );
  const line = (cells: readonly string[]) =>
    headers
      .map((_, column) => {
        const cell = sanitiseCell(cells[column] ?? '');
        return column === headers.length - 1 ? cell : cell.padEnd(widths[column] ?? 0);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

// A newline inside a cell would break the one-line-per-object promise.
function sanitiseCell(cell: string): string {
  return cell.replace(/[\r\n\t]+/g, ' ');
}
