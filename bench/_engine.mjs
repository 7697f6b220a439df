// aidstat in the shared benchmark harness (../shared/bench, "Measuring a
// project's own engine"), shared by its two engines: aidstat.mjs (the scalar
// build) and aidstat-simd.mjs (the SIMD build). bench/run.sh copies both
// builds into bench/pkg/.
// Steps: load = the page's path for a file: the bytes pushed into a Loader
// in 1 MB chunks, as the worker pushes File.stream()'s chunks (decode, CSV,
// types, exact decimals, the diagnostics; the same table as
// Table.fromBytes); groupBy = table.group() once, rendered; share and growth are
// rendered from those same groups (no second pass over the rows).
import init, { Loader, warmUp } from './pkg/aidstat.js';


const CHUNK = 1 << 20;
const num = (s) => (s === null ? null : Number(s)); // the harness compares doubles

/** An engine on the given build of the core (a file of bench/pkg/). */
export async function create(name, wasm) {
  await init({ module_or_path: new URL(`./pkg/${wasm}`, import.meta.url) }); // fetch + compile the wasm: counted as init
  warmUp(); // as the page's worker does after instantiating: counted as init
  let table = null;
  let grouped = null;
  const cells = (result, pick) => {
    const out = [];
    for (const row of result.rows) {
      if (row.kind !== 'data') continue;
      result.columns.forEach((col, i) => {
        const c = row.cells[i];
        if (c.records > 0) out.push(pick(Number(col.label), row.label, c));
      });
    }
    return out;
  };
  return {
    name,
    version: '0.1.0',
    notes: 'Loader fed 1 MB chunks, as the page feeds File.stream() (encoding detection, csv crate, typed columns, Decimal); group once, render share/growth from the groups',
    async load(bytes) {
      table?.free();
      const all = new Uint8Array(bytes);
      const loader = new Loader({}, all.length);
      for (let at = 0; at < all.length; at += CHUNK) loader.push(all.subarray(at, at + CHUNK));
      table = loader.finish();
      return { rows: table.rowCount };
    },
    async groupBy() {
      grouped?.free();
      grouped = table.group({ rows: ['category'], columns: 'year', measure: 'amount_wan', totals: false, subtotals: false });
      return cells(grouped.render({ precision: 2 }), (year, category, c) => ({ year, category, sum: num(c.value.exact), count: c.records }));
    },
    async share() {
      return cells(grouped.render({ share: 'column' }), (year, category, c) => ({ year, category, share: num(c.share.exact) }));
    },
    async growth() {
      return cells(grouped.render({ growth: 'rate' }), (year, category, c) => ({ year, category, growth: num(c.growth.exact) }));
    },
    async describe() {
      const s = table.schema();
      return { encoding: s.source.encoding, columns: s.columns.map((c) => `${c.name}:${c.role}:${c.unit}`) };
    },
    async dispose() {
      grouped?.free();
      table?.free();
      grouped = table = null;
    },
  };
}
