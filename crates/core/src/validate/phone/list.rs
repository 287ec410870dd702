//! Bulk checks: split a pasted list or a CSV file into numbers, and check many numbers at once
//! across the machine's cores.

use std::thread;

use super::{NumberCheck, Region, check_number};

/// Splits a pasted list or CSV text into number candidates, one per line.
///
/// Blank lines and `#` comments are skipped. On a CSV line the first field containing a digit
/// is taken (so `name,number` and `number,name` both work); a first line without any digit
/// (a header such as `number,label`) is skipped.
pub fn split_number_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let has_digit = line.bytes().any(|b| b.is_ascii_digit());
        if i == 0 && !has_digit {
            continue;
        }
        let field = line
            .split([',', ';', '\t'])
            .map(|f| f.trim().trim_matches('"').trim())
            .find(|f| f.bytes().any(|b| b.is_ascii_digit()))
            .unwrap_or(line);
        out.push(field.to_string());
    }
    out
}

/// Checks every number, in order, spreading the work over the available cores.
pub fn check_numbers<S: AsRef<str> + Sync>(
    inputs: &[S],
    region: Option<Region>,
) -> Vec<NumberCheck> {
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    if workers < 2 || inputs.len() < 512 {
        return inputs
            .iter()
            .map(|s| check_number(s.as_ref(), region))
            .collect();
    }
    let chunk = inputs.len().div_ceil(workers);
    thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|s| check_number(s.as_ref(), region))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
