//! How a table shares the terminal's width among its columns: what each
//! column wants, which columns are dropped (by priority) when they cannot
//! all fit, and how what is left over, or missing, is shared.

use unicode_width::UnicodeWidthStr;

use super::width::width_up_to;
use super::{Cell, Column, Fit, GAP};

/// The narrowest a flexible column is made before columns are dropped.
const FLEX_MIN: usize = 12;
/// The narrowest an id is cut to.
const ID_MIN: usize = 10;

fn is_capped(fit: Fit) -> bool {
    fit == Fit::Capped
}

/// Shares the line among the kept columns (`widths` holds what each wants):
/// what is left goes to the main texts, then to other free text; a line
/// still too long is cut, the main text first, then ids, then the widest.
fn share(widths: &mut [Option<usize>], specs: &[Column], natural: &[usize], width: usize) {
    let gaps = GAP.len() * widths.iter().flatten().count().saturating_sub(1);
    let used: usize = widths.iter().flatten().sum::<usize>() + gaps;
    let mut left = width.saturating_sub(used);
    // What is left goes to the main texts first, shared a column at a time,
    // then to the other free text.
    let mains: Vec<usize> = (0..specs.len())
        .filter(|i| widths[*i].is_some() && specs[*i].fit.is_main())
        .collect();
    while left > 0 {
        let mut grew = false;
        for &i in &mains {
            if let Some(w) = widths[i].as_mut().filter(|w| **w < natural[i] && left > 0) {
                *w += 1;
                left -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let others: Vec<usize> = (0..specs.len())
        .filter(|i| widths[*i].is_some() && specs[*i].fit == Fit::Flex { main: false })
        .collect();
    for i in others {
        if let Some(w) = widths[i].as_mut() {
            let more = natural[i].saturating_sub(*w).min(left);
            *w += more;
            left -= more;
        }
    }
    // Too narrow even so: the main text gives way down to its minimum,
    // then ids down to theirs, then the widest columns until the line fits.
    let mut over = used.saturating_sub(width);
    for (fits, floor) in [
        (Fit::is_main as fn(Fit) -> bool, FLEX_MIN),
        (is_capped, ID_MIN),
    ] {
        for (i, spec) in specs.iter().enumerate() {
            if let Some(w) = widths[i].as_mut().filter(|_| fits(spec.fit)) {
                let cut = w.saturating_sub(floor).min(over);
                *w -= cut;
                over -= cut;
            }
        }
    }
    while over > 0 {
        let Some(widest) = widths.iter_mut().flatten().max_by_key(|w| **w) else {
            break;
        };
        if *widest <= 1 {
            break;
        }
        *widest -= 1;
        over -= 1;
    }
}

/// The width an id may take: other columns go before an id is cut, so an
/// id gets what the columns that never go leave it (the main text at its
/// minimum, as `base` gives it), whole when that is enough.
fn id_cap(
    specs: &[Column],
    kept: &[bool],
    width: usize,
    base: &dyn Fn(usize, &Column) -> usize,
) -> usize {
    let stays = |i: usize, spec: &Column| kept[i] && spec.priority == 0;
    let capped = specs
        .iter()
        .enumerate()
        .filter(|(i, spec)| stays(*i, spec) && spec.fit == Fit::Capped)
        .count()
        .max(1);
    let others: usize = specs
        .iter()
        .enumerate()
        .filter(|(i, spec)| stays(*i, spec))
        .map(|(i, spec)| {
            let own = if spec.fit == Fit::Capped {
                0
            } else {
                base(i, spec)
            };
            own + GAP.len()
        })
        .sum::<usize>()
        .saturating_sub(GAP.len());
    ID_MIN.max(width.saturating_sub(others) / capped)
}

/// The width of each kept column (`None`: dropped).
pub(super) fn layout(
    specs: &[Column],
    rows: &[Vec<Cell>],
    width: usize,
    below: Option<usize>,
) -> Vec<Option<usize>> {
    let natural: Vec<usize> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            rows.iter()
                .filter_map(|row| row.get(i))
                .map(|cell| width_up_to(&cell.text, width))
                .chain(std::iter::once(spec.header.width()))
                .max()
                .unwrap_or(0)
                .min(width)
        })
        .collect();
    let mut kept: Vec<bool> = (0..specs.len()).map(|i| below != Some(i)).collect();
    // The main text gets at least two fifths before any other free text
    // is shown.
    let mains = specs
        .iter()
        .enumerate()
        .filter(|(i, s)| kept[*i] && s.fit.is_main())
        .count()
        .max(1);
    let main_min = FLEX_MIN.max(width * 2 / 5 / mains);
    let base = |i: usize, spec: &Column| match spec.fit {
        Fit::Fixed | Fit::Capped => natural[i],
        Fit::Flex { main: true } | Fit::Below => natural[i].min(main_min),
        Fit::Flex { main: false } => natural[i].min(FLEX_MIN),
    };
    let id_cap = id_cap(specs, &kept, width, &base);
    let wanted = |i: usize, spec: &Column| match spec.fit {
        Fit::Capped => natural[i].min(id_cap),
        _ => base(i, spec),
    };
    loop {
        let used: usize = specs
            .iter()
            .enumerate()
            .filter(|(i, _)| kept[*i])
            .map(|(i, spec)| wanted(i, spec) + GAP.len())
            .sum::<usize>()
            .saturating_sub(GAP.len());
        if used <= width {
            break;
        }
        let drop = specs
            .iter()
            .enumerate()
            .filter(|(i, spec)| kept[*i] && spec.priority > 0)
            .max_by_key(|(i, spec)| (spec.priority, *i));
        match drop {
            Some((i, _)) => kept[i] = false,
            None => break,
        }
    }
    let mut widths: Vec<Option<usize>> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| kept[i].then(|| wanted(i, spec)))
        .collect();
    share(&mut widths, specs, &natural, width);
    widths
}
