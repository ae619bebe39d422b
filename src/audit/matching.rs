//! Pairs activities of two tables by target code and name.
//!
//! Four passes, each only over what the earlier ones left: the same target and
//! the same [`normalize_key`]; the same target and the same letters and digits
//! ([`loose_key`]); the same target and names within [`MAX_DISTANCE_PERCENT`] edits per hundred characters
//! (best pairs first); then the same key under a different target. Within a
//! pass, duplicates pair up in document order.

use std::collections::HashMap;

use crate::normalize::normalize_key;

/// Maximum edit distance, in percent of the longer name, for a fuzzy pair
/// (a similarity of at least 0,85). Integer arithmetic: no floats here.
pub const MAX_DISTANCE_PERCENT: usize = 15;

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Same target, same normalised key.
    Key,
    /// Same target, same letters and digits (`Ar-Ge` / `Arge`, `a,b` / `a, b`).
    Loose,
    /// Same target, similar names that differ in letters.
    Spelling,
    /// Same key, different target.
    OtherTarget,
}

/// One side's activity: its target code and name as printed.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub target: &'a str,
    pub name: &'a str,
}

/// The result of pairing `left` with `right` (indices into each).
#[derive(Debug, Default)]
pub struct Pairing {
    /// Pairs in the order of their left index.
    pub pairs: Vec<(usize, usize, How)>,
    pub left_only: Vec<usize>,
    pub right_only: Vec<usize>,
}

/// Pairs two lists of activities (see the module doc).
pub fn pair(left: &[Item<'_>], right: &[Item<'_>]) -> Pairing {
    let lkeys: Vec<String> = left.iter().map(|i| normalize_key(i.name)).collect();
    let rkeys: Vec<String> = right.iter().map(|i| normalize_key(i.name)).collect();
    let lloose: Vec<String> = lkeys.iter().map(|k| loose_key(k)).collect();
    let rloose: Vec<String> = rkeys.iter().map(|k| loose_key(k)).collect();
    let mut lused = vec![false; left.len()];
    let mut rused = vec![false; right.len()];
    let mut pairs = Vec::new();

    // Passes 1 and 2: exact keys, then loose keys, within one target.
    for (lk, rk, how) in [(&lkeys, &rkeys, How::Key), (&lloose, &rloose, How::Loose)] {
        let mut queue: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (j, item) in right.iter().enumerate().rev() {
            if !rused[j] {
                queue
                    .entry((item.target, rk[j].as_str()))
                    .or_default()
                    .push(j);
            }
        }
        for (i, item) in left.iter().enumerate() {
            if lused[i] {
                continue;
            }
            if let Some(j) = queue
                .get_mut(&(item.target, lk[i].as_str()))
                .and_then(|v| v.pop())
            {
                lused[i] = true;
                rused[j] = true;
                pairs.push((i, j, how));
            }
        }
    }

    // Pass 3: similar names within one target, best pairs first.
    let mut candidates = Vec::new();
    for (i, l) in left.iter().enumerate() {
        if lused[i] {
            continue;
        }
        for (j, r) in right.iter().enumerate() {
            if rused[j] || r.target != l.target {
                continue;
            }
            let (dist, longer) = distance(&lloose[i], &rloose[j]);
            if dist * 100 <= MAX_DISTANCE_PERCENT * longer {
                candidates.push(((dist, longer.max(1)), i, j));
            }
        }
    }
    // Smallest relative distance first: d1/l1 < d2/l2 ⇔ d1·l2 < d2·l1.
    candidates.sort_by(|a, b| {
        let ((d1, l1), (d2, l2)) = (a.0, b.0);
        (d1 * l2)
            .cmp(&(d2 * l1))
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    for (_, i, j) in candidates {
        if !lused[i] && !rused[j] {
            lused[i] = true;
            rused[j] = true;
            pairs.push((i, j, How::Spelling));
        }
    }

    // Pass 4: the same name under another target.
    for i in 0..left.len() {
        if lused[i] {
            continue;
        }
        if let Some(j) = (0..right.len()).find(|&j| !rused[j] && rloose[j] == lloose[i]) {
            lused[i] = true;
            rused[j] = true;
            pairs.push((i, j, How::OtherTarget));
        }
    }

    pairs.sort_by_key(|p| (p.0, p.1));
    Pairing {
        pairs,
        left_only: (0..left.len()).filter(|&i| !lused[i]).collect(),
        right_only: (0..right.len()).filter(|&j| !rused[j]).collect(),
    }
}

/// Letters and digits of a normalised key: `Ar-Ge` and `Arge` agree.
pub fn loose_key(key: &str) -> String {
    key.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Levenshtein distance of two strings and the length of the longer one, in characters.
pub fn distance(a: &str, b: &str) -> (usize, usize) {
    let longer = a.chars().count().max(b.chars().count());
    (crate::normalize::edit_distance(a, b), longer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(v: &[(&'a str, &'a str)]) -> Vec<Item<'a>> {
        v.iter()
            .map(|&(target, name)| Item { target, name })
            .collect()
    }

    #[test]
    fn pairs_by_key_spelling_and_other_target() {
        let left = items(&[
            ("1.1.1", "Yaya Alt ve Üst Geçit Faaliyetleri"),
            (
                "1.1.1",
                "Tedarik ve Stok Yönetimi Hizmetlerinin Yürütülmesi",
            ),
            ("1.1.1", "Yazılım Geliştirme ve Arge Faaliyetleri"),
            ("4.2.1", "İhtiyaç Sahibi Öğrencilere Yardım"),
            ("1.1.1", "Tamamen Başka Bir Şey"),
        ]);
        let right = items(&[
            ("1.1.1", "Yazılım Geliştirme ve Ar-Ge Faaliyetleri"),
            ("1.1.1", "YAYA ALT VE ÜST GEÇİT FAALİYETLERİ"),
            (
                "1.1.1",
                "Tedarik Stok ve Yönetimi Hizmetlerinin Yürütülmesi",
            ),
            ("4.1.1", "İhtiyaç Sahibi Öğrencilere Yardım"),
            ("1.1.1", "Hiç Benzemeyen Ad"),
        ]);
        let p = pair(&left, &right);
        assert_eq!(
            p.pairs,
            vec![
                (0, 1, How::Key),
                (1, 2, How::Spelling),
                (2, 0, How::Loose),
                (3, 3, How::OtherTarget)
            ]
        );
        assert_eq!(p.left_only, vec![4]);
        assert_eq!(p.right_only, vec![4]);
    }

    #[test]
    fn duplicates_pair_in_order() {
        let left = items(&[("1", "A"), ("1", "A")]);
        let right = items(&[("1", "a"), ("1", "a"), ("1", "a")]);
        let p = pair(&left, &right);
        assert_eq!(p.pairs, vec![(0, 0, How::Key), (1, 1, How::Key)]);
        assert_eq!(p.right_only, vec![2]);
    }
}
