/** The header row every console table uses. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className="px-4 py-3 whitespace-nowrap">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
