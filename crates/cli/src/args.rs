//! The command line's grammar (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exact statistics of paired-assistance (对口帮扶) fund files.
#[derive(Debug, Parser)]
#[command(name = "aidstat", version, about)]
pub struct Cli {
    /// Language of messages: zh-CN (default), zh-TW or en.
    #[arg(long, global = true, default_value = "zh-CN")]
    pub lang: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// What was understood of the files (the schema, as the JS API's schema()).
    Inspect(InspectArgs),
    /// One view: rows × columns of a measure, with shares and growth.
    Analyze(AnalyzeArgs),
    /// The checks' findings, with their fixes.
    Check(InspectArgs),
    /// The rows as a clean long table (CSV), and the rows set aside.
    Clean(CleanArgs),
    /// The view of a spec as SQL over the clean table.
    Sql(SqlArgs),
}

/// The files and how to read them.
#[derive(Debug, Args)]
pub struct Input {
    /// CSV, TXT, JSON or workbook (.xlsx .xlsm .xlsb .xls .ods) files; several are one table.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// The sheet of a workbook (a name, or a 0-based position).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Load options as JSON (the API's LoadOptions), e.g. '{"encoding":"gbk"}'.
    #[arg(long, default_value = "{}")]
    pub options: String,
    /// Say how far reading has got, on stderr (default: when stderr is a terminal).
    #[arg(long)]
    pub progress: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: Input,
    /// JSON on one line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
}

/// The view: a spec file, or its fields as options (these override the file's).
#[derive(Debug, Args, Default)]
pub struct View {
    /// A spec as JSON (the API's AnalysisSpec).
    #[arg(long)]
    pub spec: Option<String>,
    /// Row dimensions, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub rows: Vec<String>,
    /// The column dimension (often the period).
    #[arg(long)]
    pub columns: Option<String>,
    /// The measure column.
    #[arg(long)]
    pub measure: Option<String>,
    /// sum, count, count_nonnull, mean, min, max, distinct.
    #[arg(long)]
    pub aggregate: Option<String>,
    /// none, grand, row, column, parent.
    #[arg(long)]
    pub share: Option<String>,
    /// none, change, rate, speed, index, cagr, average, contribution, pull.
    #[arg(long)]
    pub growth: Option<String>,
    /// 元, 千元, 万元, 百万元, 千万元, 亿元.
    #[arg(long)]
    pub unit: Option<String>,
    /// Decimals of amounts.
    #[arg(long)]
    pub precision: Option<u32>,
    /// `列=值1|值2` keeps those values, `列!=值` drops them (repeatable).
    #[arg(long = "filter")]
    pub filters: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: Input,
    #[command(flatten)]
    pub view: View,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write here instead of standard output (required for xlsx).
    #[arg(long)]
    pub out: Option<String>,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: Input,
    /// The money unit of the clean table's amounts (default: each measure's own).
    #[arg(long)]
    pub unit: Option<String>,
    /// The clean CSV.
    #[arg(long)]
    pub out: String,
    /// The rows set aside, as CSV.
    #[arg(long)]
    pub rejects: Option<String>,
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    #[command(flatten)]
    pub input: Input,
    /// The view, as a spec JSON file.
    #[arg(long)]
    pub spec: String,
    /// duckdb or spark.
    #[arg(long)]
    pub dialect: String,
    /// The clean table's name in the database.
    #[arg(long)]
    pub table: String,
    /// The unit the clean table's amounts are in (default: the spec's unit).
    #[arg(long)]
    pub unit_in: Option<String>,
}
