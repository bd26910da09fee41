import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Table, TableBody, TableHead, Td, Th } from './table';

describe('Table', () => {
  const html = renderToStaticMarkup(
    <Table className="min-w-[640px]" data-testid="things">
      <TableHead>
        <Th>Name</Th>
        <Th align="right">Count</Th>
      </TableHead>
      <TableBody className="align-top">
        <tr data-action="x">
          <Td className="font-medium">alpha</Td>
          <Td align="right">3</Td>
        </tr>
      </TableBody>
    </Table>,
  );

  it('wraps the table in a horizontal scroll container and passes test ids through', () => {
    expect(html).toMatch(/^<div class="overflow-x-auto"><table class="w-full text-sm min-w-\[640px\]" data-testid="things">/);
  });

  it('renders column headers with scope, numbers right-aligned, and extra classes appended', () => {
    expect(html).toContain('<th scope="col" class="pb-2 font-medium">Name</th>');
    expect(html).toContain('<th scope="col" class="pb-2 font-medium text-right">Count</th>');
    expect(html).toContain('<tbody class="divide-y divide-slate-100 align-top"><tr data-action="x">');
    expect(html).toContain('<td class="py-2 font-medium">alpha</td>');
    expect(html).toContain('<td class="py-2 text-right tabular-nums">3</td>');
  });
});
