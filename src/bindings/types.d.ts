// ---- aidstat: the shapes that cross the JavaScript boundary ----
// Every amount, share and growth figure is a decimal *string* (never a JS
// number), so nothing loses precision on the way to the screen.

/** How to read a file. Every field is optional; leave it out to let aidstat detect it. */
export interface LoadOptions {
  /** "auto" (default) sniffs CSV or JSON from the bytes. */
  format?: "auto" | "csv" | "json";
  /** "auto" (default): BOM, then UTF-8 validity, then statistical detection
   * (GBK/GB18030, Big5, …). Or any WHATWG label: "utf-8", "gbk", "gb18030",
   * "big5", "utf-16le", "utf-16be". */
  encoding?: string;
  /** One of "," "\t" ";" "|"; default sniffed. */
  delimiter?: string;
  /** 1-based line of the header row; default detected (title lines above it are skipped and reported). */
  headerLine?: number;
  /** Per-column corrections, keyed by header name as shown in `Schema.columns[].name`. */
  columns?: Record<string, ColumnOverride>;
  /** The money unit of measure columns whose header names none: "元" | "千元" | "万元" | "百万元" | "亿元". */
  defaultUnit?: string;
  /** Cells read as other text before they are typed (a finding's fix). The file's own
   * text is kept and reported as a "corrected" warning; a correction that finds no such
   * line or column is reported as "correction_unused". */
  corrections?: CellCorrection[];
  /** Labels unified, per column: `{ "板块": { "醫療幫扶": "医疗帮扶" } }` (labels as shown,
   * i.e. trimmed). Reported as "relabelled" warnings with their row counts. */
  relabel?: Record<string, Record<string, string>>;
  /** Years across the top (`板块,2020年,2021年,…`) are read as one measure by a period
   * column (default); `false` reads the columns as they are; `{ columns: [...] }` names the
   * columns to read so when their headers do not say so. Said as a "wide_unpivoted" warning. */
  wide?: boolean | { columns: string[] };
  /**
   * A workbook's sheet to read (`Table.open`): its name, or its 0-based
   * position among the worksheets. Default: the first visible sheet that
   * holds a table (two rows and two columns at least).
   */
  sheet?: string | number;
}

/** Read one cell as other text. */
export interface CellCorrection {
  /** File line (CSV) or record number (JSON) of the row, as findings report it. */
  line: number;
  /** Header name of the column. */
  column: string;
  /** Text to read instead, e.g. "2.7379亿元"; "" empties the cell. */
  value: string;
}

/** The LoadOptions fragment that fixes a finding. Accept: merge it into the options
 * (append `corrections`, replacing one of the same line and column; merge `relabel`)
 * and load again. Undo: remove exactly those entries and load again. */
export interface LoadCorrection {
  corrections?: CellCorrection[];
  relabel?: Record<string, Record<string, string>>;
}

export interface ColumnOverride {
  role?: ColumnRole;
  /** Money unit ("元", "千元", "万元", "百万元", "亿元") or a count unit ("人", "人次", "个", …). */
  unit?: string;
  /** For a period column holding dates: the calendar step used for growth. */
  grain?: "year" | "quarter" | "month";
}

export type ColumnRole = "period" | "dimension" | "measure" | "ignore";

/** What aidstat understood of a file. */
export interface Schema {
  source: SourceInfo;
  columns: ColumnInfo[];
  /** Data rows read below the header (blank lines not counted). */
  rowsRead: number;
  /** Rows loaded into the table (rowsRead minus the rows set aside at load). */
  rowsLoaded: number;
  /** Rows set aside while loading: the file's own total rows, rows with too many cells (the first 1,000). */
  setAside: SetAsideItem[];
  /** How many rows were set aside while loading (all of them). */
  setAsideTotal: number;
  /** The file's own 合计 / 小计 rows with their stated values. */
  totalRows: TotalRowInfo[];
  warnings: Message[];
  /**
   * A table combined from several files (`Table.concat`, or several files
   * chosen at once in the page): each file as it was read, in order. Absent
   * for one file. Its notes (`file_part`, `column_missing`, `unit_converted`,
   * `file_refused`) are in `warnings`, each file's messages named by its file.
   */
  files?: FileInfo[];
}

export interface FileInfo {
  /** The name given to `Table.concat` (the page: the file's name). */
  name: string;
  /** How it was read (its own encoding, header line, sheet). */
  source: SourceInfo;
  rowsRead: number;
  rowsLoaded: number;
  /** Its rows set aside while loading. */
  setAside: number;
}

export interface SourceInfo {
  /** The file's format; for a workbook (read by `Table.open`), its kind. */
  format: "csv" | "json" | "xlsx" | "xlsm" | "xlsb" | "xls" | "ods";
  /** Encoding used, e.g. "UTF-8", "GBK", "Big5", "UTF-16LE". */
  encoding: string;
  /** true when detected, false when given in LoadOptions. */
  encodingDetected: boolean;
  bom: boolean;
  /** Bytes that could not be decoded (shown as U+FFFD). */
  decodeErrors: number;
  /** "," "\t" ";" "|" for CSV, null for JSON. */
  delimiter: string | null;
  /** 1-based line of the header row (CSV), null for JSON. */
  headerLine: number | null;
  /** Lines above the header that were skipped (titles, unit lines). */
  skippedLines: { line: number; text: string }[];
  /** A unit found on a line above the header, e.g. "万元" from "单位：万元". */
  unitLine: { line: number; text: string; unit: string } | null;
  /** Number of blank lines skipped below the header. */
  blankLines: number;
  /** A workbook: the sheet read (lines are its row numbers as Excel shows them). */
  sheet?: string;
  /** A workbook: every worksheet in its order, hidden ones too. */
  sheets?: { name: string; rows: number; columns: number; hidden: boolean }[];
}

export interface ColumnInfo {
  /** 0-based position in the file. */
  index: number;
  /** Header text, trimmed; "列3" style name when the header cell is empty. */
  name: string;
  role: ColumnRole;
  /** For measures: money (unit-converted), count (人, 人次, … never converted), number (no unit). */
  kind: "money" | "count" | "number" | null;
  /** Unit of a measure column, e.g. "万元"; null when unknown or not a measure. */
  unit: string | null;
  /** Where the unit came from. */
  unitSource: "header" | "unit_line" | "user" | "cells" | "default" | "column" | null;
  /** For a period column. */
  grain: "year" | "quarter" | "month" | null;
  /** Distinct values (dimension and period columns). */
  distinct: number;
  nulls: number;
  /** Cells that could not be read (measure and period columns). */
  bad: number;
  /** Approximate values (约, 近, 超, 逾, 余 …). */
  approx: number;
  /** Up to 5 distinct raw values, for display. */
  sample: string[];
}

/** One analysis. Only `rows` or `columns` is needed; everything else has a default. */
export interface AnalysisSpec {
  /** Columns down the side, outermost first (dimensions or the period). Default []. */
  rows?: string[];
  /** One column across the top, usually the period. Default none. */
  columns?: string | null;
  /** The measure column to aggregate; default the first measure. For "count", may be null. For "distinct", any column. */
  measure?: string | null;
  /** Default "sum". */
  aggregate?: Aggregate;
  /** Default "none". */
  share?: ShareKind;
  /** Default "none". Needs the period among `rows` or as `columns`. */
  growth?: GrowthKind;
  /** Base period of the fixed-base index, as its label ("2020"); default the first period in the view. */
  basePeriod?: string | null;
  /** Output unit for money: "元" | "千元" | "万元" | "百万元" | "亿元"; default the measure's unit. */
  unit?: string | null;
  /** Decimals of amounts, 0–10; default 2. */
  precision?: number;
  /** Decimals of percentages, 0–10; default 2. */
  percentPrecision?: number;
  /** Subtotal rows for every outer row level; default true. */
  subtotals?: boolean;
  /** Grand total row (and total column when `columns` is set); default true. */
  totals?: boolean;
  /** Keep or drop values of a column; all filters apply (AND). */
  filters?: Filter[];
  /** Nudge displayed shares so each set adds up to exactly 100.00 (largest remainder); default false. */
  largestRemainder?: boolean;
}

export type Aggregate = "sum" | "count" | "count_nonnull" | "mean" | "min" | "max" | "distinct";
export type ShareKind = "none" | "grand" | "row" | "column" | "parent";
export type GrowthKind =
  | "none" | "change" | "rate" | "speed" | "index" | "cagr" | "average" | "contribution" | "pull";

export interface Filter {
  column: string;
  /** Keep only rows whose value (as shown in the table) is one of these. */
  keep?: string[];
  /** Drop rows whose value is one of these. */
  drop?: string[];
}

/** Why a figure is empty, or what to know about it. */
export type ReasonCode =
  | "zero_total"      // share: the denominator is 0 or missing
  | "negative_part"   // share: a negative part (flag; the figure is still given)
  | "no_prior"        // growth: the previous calendar period is absent for this group
  | "zero_base"       // growth: the previous value is 0 (text 新增 when current > 0, — when 0)
  | "negative_base"   // growth: the previous value is negative; rate uses |prior| (flag)
  | "no_current"      // growth: the current value is missing
  | "cagr_undefined"  // CAGR: first ≤ 0, last < 0, or a single period
  | "no_base"         // index: the base period has no value for this group
  | "no_period"       // growth asked for but the view has no period
  | "no_records"      // pivot cell with no records: empty, not 0
  | "no_value"        // group whose records are all null: missing, not 0
  | "not_additive"    // share of an aggregate that does not add up (mean, min, max, distinct)
  | "overflow"        // beyond the 28-digit decimal range
  | "nudged"          // largest-remainder: the displayed share was moved by one unit (flag)
  | "mixed_indicators"; // a total or share across different indicators (rows with their own units): never computed

/** One figure: exact value, the text to show, and why it is empty if it is. */
export interface Figure {
  /** Exact decimal string in display units (the chosen money unit, or percent for shares and rates), null when empty. */
  exact: string | null;
  /** Rounded (四舍五入) text as shown: "1,433.33", "43.00%", "新增", "—", "". */
  text: string;
  /** Reason when `exact` is null. */
  reason: ReasonCode | null;
  /** Flags on a figure that is given: "negative_part", "negative_base", "nudged", "approximate". */
  flags?: ReasonCode[] | string[];
}

export interface ResultColumn {
  /** Label of the column value ("2020"); "合计" for the total column. */
  label: string;
  kind: "value" | "total";
}

export interface ResultCell {
  value: Figure;
  /** Present when a share was asked for. */
  share?: Figure;
  /** Present when a per-cell growth was asked for (change, rate, speed, index, contribution, pull). */
  growth?: Figure;
  /** Records that went into the cell. */
  records: number;
}

export interface ResultRow {
  kind: "data" | "subtotal" | "total";
  /** 0 = grand total, 1 = first row level, … */
  level: number;
  /** One entry per `rows` column; null above this row's level. */
  keys: (string | null)[];
  /** What to show in the first column ("医疗帮扶", "花都区 小计", "合计"). */
  label: string;
  /** One per `AnalysisResult.columns` entry, in order. */
  cells: ResultCell[];
  /** For growth "cagr" or "average": the row's figure over its periods. */
  summary?: Figure;
}

export interface AnalysisResult {
  /** The spec with every default filled in. */
  spec: Required<AnalysisSpec>;
  measure: {
    name: string | null;
    kind: "money" | "count" | "number" | null;
    /** Unit the figures are shown in, e.g. "万元". */
    unit: string | null;
    /** Unit of the measure column in the file. */
    sourceUnit: string | null;
  };
  rowDims: string[];
  colDim: string | null;
  columns: ResultColumn[];
  rows: ResultRow[];
  /** Label of `summary` when growth is "cagr" ("年均增长率") or "average" ("年均"). */
  summaryLabel: string | null;
  /** Period span used by cagr/average, e.g. ["2020", "2022"]. */
  periods: string[];
  diagnostics: Diagnostics;
  /** Reconciliation of the file's own total rows against the sums (SEMANTICS §6).
   * Every check of the file, in the common shape, comes from `Table.findings()`. */
  findings: Finding[];
  /** The paragraph for the report, from this view's shown figures only. */
  paragraph: { zh: string; /** 繁體中文: the template words in Taiwan form, the file's labels as written. */ zhTw: string; en: string };
}

export type CheckCode =
  | "total_ok"        // info: a 合计 row matches the rows it covers
  | "total_mismatch"  // warning: it does not (figures: stated, computed, difference, unit, totalLine, marker)
  | "unit_slip"       // error: the parts meet the stated total exactly once one part (or the total) is read 10⁴ / 10⁸ off
  | "unit_outlier"    // warning: ≥ 10³ from agreeing peers, alone in its column, about 10⁴ / 10⁸ off
  | "duplicate_rows"  // warning: identical rows (correction empties the later copies' amount)
  | "near_duplicate"  // info: same period, labels (written alike) and amount; something else differs
  | "period_gap"      // info: a period missing inside a group's span
  | "label_variant"   // warning: one category written two ways (繁/简, full/half width, spaces, case)
  | "label_synonym"   // info: common names of one category (卫生帮扶 / 医疗帮扶): unify only if the analyst confirms
  | "unreadable_cells" // error (a whole category gone, or > 1 % of rows) or warning: cells that are not amounts / periods (figures: rows, of, raw, lost)
  | "rows_set_aside"  // error (> 1 % of rows) or warning: rows with more cells than the header (figures: rows, of)
  | "truncated";      // more findings of one code than are listed (figures: code, more)

/** One finding of the checks (docs/CHECKS.md). */
export interface CheckFinding {
  code: CheckCode;
  severity: "error" | "warning" | "info";
  messageZh: string;
  /** The same in 繁體中文 (Taiwan form); the file's own text inside 「…」 as written. */
  messageZhTw: string;
  messageEn: string;
  /** File lines involved, the most telling first (the slipped part, then its total row). */
  lines: number[];
  /** The column concerned, when one is. */
  column: string | null;
  /** The figures that show it. Decimals are exact strings in the column's unit, e.g.
   * unit_slip: { stated, computed, difference, unit, totalLine, marker, line, written,
   * corrected, correctedText, factor }; label_variant: { rows: { label: count }, target }. */
  figures: Record<string, string | number | null | string[] | number[] | Record<string, number>>;
  /** The LoadOptions fragment that fixes it (null when only the source can tell). */
  correction: LoadCorrection | null;
}

/** What `specVocabulary()` gives: the names a spec may use, and its defaults. */
export interface SpecVocabulary {
  aggregates: string[];
  shares: string[];
  growths: string[];
  units: string[];
  defaults: { aggregate: string; share: string; growth: string; precision: number; percentPrecision: number;
    subtotals: boolean; totals: boolean; largestRemainder: boolean   /** Why a figure is empty or flagged: each `reason` code's text in the page's three languages. */
  reasons: Record<string, { "zh-CN": string; "zh-TW": string; en: string }>;
};
}

/** How far `table.checkStep()` has run the checks: slices run so far, of `steps`. */
export interface CheckProgress {
  done: boolean;
  step: number;
  steps: number;
}

export interface Diagnostics {
  rowsRead: number;
  rowsUsed: number;
  /** The rows not used, with their reasons, lines and raw texts: the first 1,000 by line. */
  setAside: SetAsideItem[];
  /** How many rows were not used (all of them). */
  setAsideTotal: number;
  /** Count per reason of all the rows not used. */
  setAsideCounts: Record<string, number>;
  /** Rows whose measure is null (not summed, counted apart): all counted, the first 1,000 lines listed. */
  nulls: { count: number; lines: number[] };
  /** Approximate values that were used: all counted, the first 1,000 lines listed. */
  approximate: { count: number; lines: number[] };
  /** Rows left out by filters. */
  filteredOut: number;
  encoding: string;
  delimiter: string | null;
  headerLine: number | null;
  warnings: Message[];
}

export interface SetAsideItem {
  /** 1-based line in the file (CSV) or record number (JSON). */
  line: number;
  /** "total_row" | "bad_cell" | "bad_period" | "too_many_cells" | "unit_mismatch" | "out_of_range" | "no_values" (a row of a years-across table with no figure). */
  reason: string;
  column: string | null;
  /** 1-based column number, when a cell is meant. */
  columnNumber: number | null;
  raw: string;
  /** The cell as Excel names it ("F12"), for a workbook's sheet; its message names it too. */
  cell?: string;
  messageZh: string;
  /** The same in 繁體中文 (Taiwan form); the file's own text inside 「…」 as written. */
  messageZhTw: string;
  messageEn: string;
}

export interface TotalRowInfo {
  line: number;
  /** "合计", "小计", … as written. */
  marker: string;
  /** The row's other key cells (column name → value). */
  keys: Record<string, string>;
  /** Stated value per measure column, exact, in that column's unit. */
  stated: Record<string, string | null>;
}

export interface Finding {
  code: "total_mismatch" | "total_ok";
  severity: "error" | "warning" | "info";
  line: number;
  column: string;
  stated: string;
  computed: string;
  difference: string;
  unit: string | null;
  /** Lines of the rows the total covers. */
  coveredLines: number[];
  messageZh: string;
  /** The same in 繁體中文 (Taiwan form); the file's own text inside 「…」 as written. */
  messageZhTw: string;
  messageEn: string;
}

export interface Message {
  code: string;
  messageZh: string;
  /** The same in 繁體中文 (Taiwan form); the file's own text inside 「…」 as written. */
  messageZhTw: string;
  messageEn: string;
  line?: number | null;
}

/** Thrown as a JS `Error` with these extra fields. */
export interface AidstatError extends Error {
  /**
   * Stable machine-readable code: "empty_file", "no_header", "unknown_encoding",
   * "bad_delimiter", "bad_json", "json_shape", "bad_csv" (a quote that never
   * closes), "not_text" (an Excel workbook, PDF, image …), "too_large" (beyond
   * what a tab can hold: docs/ROBUSTNESS.md), "unknown_column",
   * "unknown_operation", "bad_spec", "bad_request".
   */
  code: string;
  messageZh: string;
  /** The same in 繁體中文 (Taiwan form); the file's own text inside 「…」 as written. */
  messageZhTw: string;
  messageEn: string;
  line: number | null;
  column: number | null;
}

/** What a view of a Word report takes beside its spec. */
export interface DocxOptions {
  /** The view's title (default: made from the view). */
  title?: string;
  lang?: 'zh-CN' | 'zh-TW' | 'en';
  /** The paragraph as shown (default: the view's own in `lang`). */
  paragraph?: string;
  fileName?: string;
  /** The chart: a PNG as bytes, base64 text or a data: URL. */
  chart?: Uint8Array | string;
  /** The chart's caption (default: the title). */
  caption?: string;
  /** The checks' findings not accepted as corrections (default: the view's own). */
  findings?: Array<{ messageZh: string; messageZhTw?: string; messageEn: string; line?: number | null }>;
}
