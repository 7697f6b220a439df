//! Files → one session. CSV / TXT / JSON are fed to the core's chunked
//! loader from a buffered reader, 8 MB at a time, so a big file is never
//! held whole; a workbook (known by its first bytes, whatever its name) is
//! read by the Office module and its cells loaded by the core.

use std::fs::File;
use std::io::{IsTerminal, Read, Write};

use aidstat::api::{self, Session};
use aidstat::table::Table;
use aidstat_office::read::{container, read_book, SheetChoice};

use crate::args::Input;
use crate::error::CliError;
use crate::msg;

/// Bytes read and pushed at a time.
const CHUNK: usize = 8 * 1024 * 1024;

/// A progress line at least every this many bytes.
const PROGRESS_EVERY: u64 = 100 * 1024 * 1024;

/// Every file read, combined into one session; files that could not be
/// matched with the others are named on stderr.
pub fn open(input: &Input, lang: &str) -> Result<Session, CliError> {
    let progress = input.progress || std::io::stderr().is_terminal();
    let several = input.files.len() > 1;
    let mut parts = Vec::with_capacity(input.files.len());
    for path in &input.files {
        let table = read_file(path, input, lang, progress).map_err(|e| {
            if several {
                e.in_file(path)
            } else {
                e
            }
        })?;
        parts.push((path.clone(), table));
    }
    let (session, refused) = combine(parts)?;
    let mut err = std::io::stderr();
    for line in refused {
        let _ = writeln!(err, "aidstat: {line}");
    }
    Ok(session)
}

/// Several files as one table (`Session::concat`: a column 来源文件 names
/// each row's file by its file name, or by its path when two files share a
/// name); one file is its own table, as the page reads it. Each file left
/// out comes back as the line `name：why`.
pub fn combine(parts: Vec<(String, Table)>) -> Result<(Session, Vec<String>), CliError> {
    if parts.len() == 1 {
        if let Some((_, table)) = parts.into_iter().next() {
            return Ok((Session::new(table), Vec::new()));
        }
        return Err(CliError::usage("没有给出文件", "no file given"));
    }
    if parts.is_empty() {
        return Err(CliError::usage("没有给出文件", "no file given"));
    }
    let base = |p: &str| {
        std::path::Path::new(p)
            .file_name()
            .map_or_else(|| p.to_string(), |n| n.to_string_lossy().into_owned())
    };
    let bases: Vec<String> = parts.iter().map(|(p, _)| base(p)).collect();
    let unique = {
        let mut seen = std::collections::HashSet::new();
        bases.iter().all(|b| seen.insert(b.as_str()))
    };
    let parts = parts
        .into_iter()
        .zip(bases)
        .map(|((path, t), b)| (if unique { b } else { path }, t))
        .collect();
    let (session, refused) = Session::concat(parts)?;
    let lines = refused
        .into_iter()
        .map(|r| format!("未合并“{}”：{}", r.name, r.text.zh))
        .collect();
    Ok((session, lines))
}

/// What the files are called in titles and exports: the first file's name
/// (with how many others, when several).
pub fn source_name(files: &[String]) -> String {
    let base = |p: &String| {
        std::path::Path::new(p)
            .file_name()
            .map_or_else(|| p.clone(), |n| n.to_string_lossy().into_owned())
    };
    match files {
        [] => String::new(),
        [one] => base(one),
        [first, rest @ ..] => format!("{} (+{})", base(first), rest.len()),
    }
}

fn read_file(path: &str, input: &Input, lang: &str, progress: bool) -> Result<Table, CliError> {
    let meta = std::fs::metadata(path).map_err(|e| CliError::io(path, &e))?;
    if meta.is_dir() {
        return Err(CliError::new(
            "io",
            format!("“{path}”是一个文件夹，不是文件"),
            format!("\"{path}\" is a directory, not a file"),
        ));
    }
    let size = meta.len();
    let mut file = File::open(path).map_err(|e| CliError::io(path, &e))?;
    let mut head = vec![0u8; CHUNK];
    let got = fill(&mut file, &mut head).map_err(|e| CliError::io(path, &e))?;
    head.truncate(got);
    if container(&head).is_some() {
        return read_workbook(path, file, head, input);
    }
    if input.sheet.is_some() {
        return Err(CliError::usage(
            &format!("--sheet 只用于工作簿，“{path}”不是工作簿"),
            &format!("--sheet is for workbooks; \"{path}\" is not one"),
        ));
    }
    let mut loader = api::loader(&input.options, Some(size))?;
    let mut done = head.len() as u64;
    loader.push(&head)?;
    let mut next_report = PROGRESS_EVERY;
    let mut buf = head;
    loop {
        buf.resize(CHUNK, 0);
        let n = fill(&mut file, &mut buf).map_err(|e| CliError::io(path, &e))?;
        if n == 0 {
            break;
        }
        loader.push(&buf[..n])?;
        done += n as u64;
        if progress && done >= next_report {
            report(lang, path, done, size);
            next_report = done + PROGRESS_EVERY;
        }
    }
    let table = loader.finish()?;
    if progress {
        report(lang, path, done, size);
    }
    Ok(table)
}

fn read_workbook(
    path: &str,
    mut file: File,
    mut bytes: Vec<u8>,
    input: &Input,
) -> Result<Table, CliError> {
    file.read_to_end(&mut bytes)
        .map_err(|e| CliError::io(path, &e))?;
    // A sheet is named first (a sheet may be called 2023); a number that
    // names no sheet is a 0-based position.
    let book = match input.sheet.as_deref() {
        None => read_book(&bytes, &SheetChoice::First)?,
        Some(s) => match (
            read_book(&bytes, &SheetChoice::Name(s.to_string())),
            s.parse::<usize>(),
        ) {
            (Err(e), Ok(i)) if e.code == "unknown_sheet" => {
                read_book(&bytes, &SheetChoice::Index(i))?
            }
            (r, _) => r?,
        },
    };
    drop(bytes);
    Ok(Session::from_cells(&book.to_bytes(), &input.options)?.into_table())
}

/// Reads until `buf` is full or the file ends; the bytes read.
fn fill(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn report(lang: &str, path: &str, done: u64, size: u64) {
    let mb = |b: u64| format!("{}.{}", b / 1_048_576, (b % 1_048_576) * 10 / 1_048_576);
    let (d, s) = (mb(done), mb(size));
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        msg(
            lang,
            &format!("读入 {path} {d}/{s} MB"),
            &format!("read {path} {d}/{s} MB")
        )
    );
}
