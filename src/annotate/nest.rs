//! Marks over a text as properly nested pieces, ready to become elements.
//!
//! Consumes the text's length and the marks' ranges (byte ranges on char
//! boundaries, any number, nested, overlapping, identical or empty);
//! produces a tree of [`Piece`]s: runs of text and marked pieces holding
//! runs and pieces. Marks that nest become nested pieces; a mark that
//! overlaps another without nesting in it is split into several pieces,
//! each inside the other's or outside it, so that the tree is always well
//! formed (never `<a><b></a></b>`). The pieces of one mark, in document
//! order, cover exactly its range; only its first piece is `first` (the
//! one that carries its id).
//!
//! How: the ranges' ends cut the text into runs. At each cut, the open
//! marks that end there are closed, and with them every mark opened inside
//! them that goes on (it is reopened right after, as a further piece); then
//! the marks that go on and the marks that start there are opened, the one
//! that ends last outermost, so a long mark opened at the same cut as a
//! short one is never split by it. An empty range is an empty piece at its
//! place, after the marks closed there and before those opened.

use std::ops::Range;

/// A run of the text or a marked piece, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Unmarked characters (here; marks further out may hold them): a
    /// range of the text.
    Text(Range<usize>),
    /// A piece of mark `mark` (an index into the ranges given) holding
    /// `children`; `first` for the first piece of the mark.
    Mark {
        /// The mark's index in the ranges given to [`nest`].
        mark: usize,
        /// Whether this is the mark's first piece.
        first: bool,
        /// What the piece holds, in order.
        children: Vec<Piece>,
    },
}

/// A piece being filled: its mark (`None` for the root) and its children.
struct Open {
    mark: Option<usize>,
    first: bool,
    children: Vec<Piece>,
}

impl Open {
    fn close(self) -> Piece {
        Piece::Mark {
            mark: self.mark.unwrap_or_default(),
            first: self.first,
            children: self.children,
        }
    }
}

/// The text `0..len` with the marks of `ranges` as a tree of pieces (see
/// the module's description). A range that is reversed or ends past `len`
/// is left out. Marks with the same range nest in the order given (the
/// first outermost).
pub fn nest(len: usize, ranges: &[Range<usize>]) -> Vec<Piece> {
    let valid = |range: &Range<usize>| range.start <= range.end && range.end <= len;
    let mut cuts: Vec<usize> = ranges
        .iter()
        .filter(|range| valid(range))
        .flat_map(|range| [range.start, range.end])
        .chain([0, len])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    // Marks by where they start, the longest first, then in the order given.
    let mut starting: Vec<usize> = (0..ranges.len()).filter(|&mark| valid(&ranges[mark])).collect();
    starting.sort_by_key(|&mark| (ranges[mark].start, std::cmp::Reverse(ranges[mark].end), mark));
    let mut next = starting.into_iter().peekable();
    let mut stack = vec![Open {
        mark: None,
        first: true,
        children: Vec::new(),
    }];
    for (index, &cut) in cuts.iter().enumerate() {
        // Close the marks that end here, and those opened inside them.
        let mut going_on = Vec::new();
        if let Some(lowest) = stack
            .iter()
            .position(|open| open.mark.is_some_and(|mark| ranges[mark].end == cut))
        {
            while stack.len() > lowest {
                let open = stack.pop().unwrap_or_else(|| unreachable!("the root stays"));
                if let Some(mark) = open.mark.filter(|&mark| ranges[mark].end > cut) {
                    going_on.push(mark);
                }
                let piece = open.close();
                stack.last_mut().unwrap_or_else(|| unreachable!("the root stays")).children.push(piece);
            }
        }
        going_on.reverse();
        // Empty marks stand here; the others open, the longest outermost.
        let mut opening: Vec<(usize, bool)> = going_on.into_iter().map(|mark| (mark, false)).collect();
        while let Some(&mark) = next.peek().filter(|&&mark| ranges[mark].start == cut) {
            next.next();
            if ranges[mark].is_empty() {
                let parent = stack.last_mut().unwrap_or_else(|| unreachable!("the root stays"));
                parent.children.push(Piece::Mark {
                    mark,
                    first: true,
                    children: Vec::new(),
                });
            } else {
                opening.push((mark, true));
            }
        }
        // Stable: among marks ending together, reopened ones stay outside
        // (as they were), new ones in the order given.
        opening.sort_by_key(|&(mark, _)| std::cmp::Reverse(ranges[mark].end));
        for (mark, first) in opening {
            stack.push(Open {
                mark: Some(mark),
                first,
                children: Vec::new(),
            });
        }
        if let Some(&end) = cuts.get(index + 1) {
            let parent = stack.last_mut().unwrap_or_else(|| unreachable!("the root stays"));
            parent.children.push(Piece::Text(cut..end));
        }
    }
    // Every mark ends at or before `len`, the last cut: only the root is left.
    stack.pop().map(|root| root.children).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces written out: `[A:…]` for a first piece of mark A, `[a:…]`
    /// for a further piece.
    fn written(text: &str, pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(range) => text[range.clone()].to_string(),
                Piece::Mark { mark, first, children } => {
                    let name = (b'A' + *mark as u8) as char;
                    let name = if *first { name } else { name.to_ascii_lowercase() };
                    format!("[{name}:{}]", written(text, children))
                }
            })
            .collect()
    }

    /// Each mark's pieces, joined in document order.
    fn covered(text: &str, pieces: &[Piece], marks: usize) -> Vec<String> {
        fn walk(text: &str, pieces: &[Piece], inside: &[usize], covered: &mut [String]) {
            for piece in pieces {
                match piece {
                    Piece::Text(range) => {
                        for &mark in inside {
                            covered[mark].push_str(&text[range.clone()]);
                        }
                    }
                    Piece::Mark { mark, children, .. } => {
                        let mut inside = inside.to_vec();
                        inside.push(*mark);
                        walk(text, children, &inside, covered);
                    }
                }
            }
        }
        let mut covered = vec![String::new(); marks];
        walk(text, pieces, &[], &mut covered);
        covered
    }

    #[test]
    fn nested_marks_nest_and_overlapping_marks_are_split() {
        let text = "0123456789";
        // A holds C and E; B overlaps A's end; D is empty at 5; G repeats
        // C's range; H is reversed and I runs past the end: both left out.
        #[allow(clippy::reversed_empty_ranges)]
        let ranges = [0..5, 3..8, 1..2, 5..5, 3..4, 8..10, 1..2, 4..2, 9..11];
        let pieces = nest(text.len(), &ranges);
        assert_eq!(
            written(text, &pieces),
            "[A:0[C:[G:1]]2[B:[E:3]4]][D:][b:567][F:89]"
        );
        let covered = covered(text, &pieces, ranges.len());
        for (mark, range) in ranges.iter().enumerate().take(7) {
            assert_eq!(covered[mark], text[range.clone()], "mark {mark}");
        }
        assert_eq!(covered[7], "");
        assert_eq!(covered[8], "");
    }

    #[test]
    fn a_long_mark_is_not_split_by_a_short_one_at_its_start() {
        // B goes on past A's end, where C starts: C, longer, goes outside.
        let text = "abcdefghij";
        let ranges = [0..4, 2..6, 4..10];
        assert_eq!(written(text, &nest(text.len(), &ranges)), "[A:ab[B:cd]][C:[b:ef]ghij]");
        // Of two marks opening together, the longer goes outside.
        let ranges = [2..3, 2..6];
        assert_eq!(written(text, &nest(text.len(), &ranges)), "ab[B:[A:c]def]ghij");
        // Crossing at two depths: every piece stays inside its parent.
        let text = "abcdefgh";
        let ranges = [0..6, 1..3, 2..5, 4..8];
        let pieces = nest(text.len(), &ranges);
        assert_eq!(
            written(text, &pieces),
            "[A:a[B:b[C:c]][c:d[D:e]][d:f]][d:gh]"
        );
        let covered = covered(text, &pieces, ranges.len());
        for (mark, range) in ranges.iter().enumerate() {
            assert_eq!(covered[mark], text[range.clone()], "mark {mark}");
        }
    }

    #[test]
    fn no_marks_is_the_text_whole() {
        assert_eq!(nest(3, &[]), [Piece::Text(0..3)]);
        assert_eq!(nest(0, &[]), []);
        assert_eq!(
            nest(0, &[Range { start: 0, end: 0 }]),
            [Piece::Mark {
                mark: 0,
                first: true,
                children: vec![]
            }]
        );
    }
}
