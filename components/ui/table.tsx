import type { ComponentPropsWithoutRef, ReactNode } from 'react';

// The portal's data table: small text, a row of uppercase column labels, hairlines between rows.
// It always sits in a horizontal scroll container, so a wide table scrolls on a narrow screen
// instead of clipping its last columns.

const cx = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(' ');

type TAlign = { align?: 'left' | 'right' };

/** `<table>` in its scroll container; `className` adds to the table (e.g. a `min-w-[…]`), the rest goes to the table too. */
export function Table({ className, ...props }: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="overflow-x-auto">
      <table className={cx('w-full text-sm', className)} {...props} />
    </div>
  );
}

/** The header row: pass `<Th>` cells. */
export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead>
      <tr className="text-left text-xs uppercase tracking-wide text-slate-500">{children}</tr>
    </thead>
  );
}

export function Th({ align = 'left', className, ...props }: ComponentPropsWithoutRef<'th'> & TAlign) {
  return <th scope="col" className={cx('pb-2 font-medium', align === 'right' && 'text-right', className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentPropsWithoutRef<'tbody'>) {
  return <tbody className={cx('divide-y divide-slate-100', className)} {...props} />;
}

/** A body cell; `align="right"` is for numbers (tabular figures line up). */
export function Td({ align = 'left', className, ...props }: ComponentPropsWithoutRef<'td'> & TAlign) {
  return <td className={cx('py-2', align === 'right' && 'text-right tabular-nums', className)} {...props} />;
}
