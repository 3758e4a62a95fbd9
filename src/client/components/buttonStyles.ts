const base =
  'inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium ' +
  'transition-colors disabled:cursor-not-allowed disabled:opacity-60';

export const primaryButton = `${base} bg-indigo-700 text-white shadow-sm hover:bg-indigo-800`;

export const secondaryButton =
  `${base} border border-slate-300 bg-white text-slate-800 shadow-sm ` +
  'hover:border-slate-400 hover:bg-slate-50';
