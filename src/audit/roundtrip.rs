//! Field-by-field comparison of two models: the source and the model ingested
//! back from the regenerated report. Every differing field is an error
//! finding `roundtrip.<top-level field>` whose message names its path
//! (`goals[0].objectives[1].targets[0].activities[3].budget`). Provenance
//! (`source` and every `page`) is not compared. Findings follow the model's
//! top-level order; inside an object, fields come in key order. Arrays of
//! entities are aligned on their codes or names first (see [`align`]).

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{table, Finding, Severity};
use crate::i18n::Message;
use crate::model::{Programme, Section};
use crate::msg;

/// The model's top-level fields in document order.
const TOP_ORDER: [&str; 10] = [
    "format",
    "institution",
    "fiscal_year",
    "indicator_columns",
    "goals",
    "activity_costs",
    "resource_summary",
    "economic_summary",
    "responsibilities",
    "front_matter",
];

/// Compares `source` with `regenerated`; one error finding per differing field.
pub fn compare_models(source: &Programme, regenerated: &Programme) -> Vec<Finding> {
    compare_values(
        &serde_json::to_value(source).unwrap_or(Value::Null),
        &serde_json::to_value(regenerated).unwrap_or(Value::Null),
        &TARGETS,
        (&source.front_matter, &regenerated.front_matter),
    )
}

/// How one layout's model is walked: its top-level keys in document order,
/// the table id of each, and what names a finding's target and activity.
pub(super) struct Scheme {
    /// The model's top-level keys in document order.
    pub top_order: &'static [&'static str],
    /// The table id of a top-level key's findings.
    pub table_of: fn(&str) -> &'static str,
    /// Sets the target code and activity name of the object at `path`
    /// (whose last step is `last`) under the top-level key `top`.
    pub locate: fn(c: &mut Context, top: &str, path: &str, last: &str, obj: &Map<String, Value>),
}

/// The performance-target layout.
const TARGETS: Scheme = Scheme {
    top_order: &TOP_ORDER,
    table_of: |top| match top {
        "goals" => table::TARGET,
        "activity_costs" => table::COST,
        "resource_summary" => table::RESOURCE,
        "economic_summary" => table::ECONOMIC,
        "responsibilities" => table::RESPONSIBILITIES,
        "front_matter" => table::FRONT_MATTER,
        _ => table::MODEL,
    },
    locate: |c, top, path, last, obj| {
        if last.starts_with("targets[") {
            c.target = text(obj, "code");
        } else if last.starts_with("activities[") {
            c.activity = text(obj, "name");
        } else if path.starts_with("activity_costs[") || path.starts_with("responsibilities[") {
            if !path.contains('.') {
                c.target = text(obj, "target");
                c.activity = text(obj, "activity");
            }
        } else if last.starts_with("rows[") && top == "resource_summary" {
            c.target = text(obj, "code");
        } else if last.starts_with("front_matter[") {
            c.activity = text(obj, "title");
        }
    },
};

/// A text field of an object.
pub(super) fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(Value::as_str).map(str::to_string)
}

/// Compares two models as JSON values, one finding per differing field
/// (`source` and every `page` left out; the front matter, given as
/// sections, compared as running text).
pub(super) fn compare_values(
    a: &Value,
    b: &Value,
    scheme: &Scheme,
    front_matter: (&[Section], &[Section]),
) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Value::Object(ma), Value::Object(mb)) = (a, b) else {
        return out;
    };
    // Top-level fields in the model's order (JSON objects here are sorted by key).
    let mut keys: Vec<&String> = ma.keys().filter(|k| *k != "source").collect();
    keys.sort_by_key(|k| {
        scheme
            .top_order
            .iter()
            .position(|t| t == k)
            .unwrap_or(scheme.top_order.len())
    });
    for k in keys {
        if k == "front_matter" {
            out.extend(compare_front_matter(front_matter.0, front_matter.1));
            continue;
        }
        let va = &ma[k];
        let vb = mb.get(k).unwrap_or(&Value::Null);
        let ctx = Context {
            top: k,
            table: (scheme.table_of)(k),
            ..Context::default()
        };
        walk(k.clone(), va, vb, &ctx, scheme, &mut out);
    }
    out
}

/// The front matter is compared as running text: every word of every title,
/// paragraph, list item and table cell, in order. The regenerated report
/// lays paragraphs out afresh, so where one block ends and the next begins
/// may be read differently; what must not change is the text itself.
fn compare_front_matter(source: &[Section], regenerated: &[Section]) -> Vec<Finding> {
    fn words(sections: &[Section]) -> Vec<String> {
        let mut out = Vec::new();
        let mut push = |t: &str| out.extend(t.split_whitespace().map(str::to_string));
        for s in sections {
            push(&s.title);
            for b in &s.blocks {
                match b {
                    crate::model::Block::Paragraph { text } => push(text),
                    crate::model::Block::List { items } => items.iter().for_each(|i| push(i)),
                    crate::model::Block::Table { header, rows } => {
                        header.iter().for_each(|h| push(h));
                        rows.iter().flatten().for_each(|c| push(c));
                    }
                }
            }
        }
        out
    }
    let (a, b) = (words(source), words(regenerated));
    let Some(at) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) else {
        return Vec::new();
    };
    let context = |w: &[String]| {
        let from = at.saturating_sub(5);
        w.get(from..(at + 6).min(w.len()))
            .map(|s| s.join(" "))
            .unwrap_or_default()
    };
    vec![Finding::new(
        "roundtrip.front_matter",
        Severity::Error,
        table::FRONT_MATTER,
    )
    .message(msg!(
        "finding-roundtrip-front-matter",
        word = at + 1,
        words = a.len(),
        source = context(&a),
        regenerated = context(&b),
        read_back = b.len()
    ))]
}

/// Where in the model a comparison is, for the finding's columns.
#[derive(Debug, Clone, Default)]
pub(super) struct Context<'a> {
    top: &'a str,
    table: &'static str,
    pub target: Option<String>,
    pub activity: Option<String>,
    page: Option<u32>,
}

impl Context<'_> {
    fn finding(&self, path: &str, a: Option<&Value>, b: Option<&Value>, what: Message) -> Finding {
        let mut f = Finding::new(
            &format!("roundtrip.{}", self.top),
            Severity::Error,
            self.table,
        )
        .page(self.page)
        .figures(a.and_then(decimal), b.and_then(decimal))
        .message(msg!("finding-roundtrip", path = path, what = what));
        f.target.clone_from(&self.target);
        f.activity.clone_from(&self.activity);
        f
    }
}

/// A decimal leaf (the model writes amounts as strings).
fn decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Compact JSON of a value, cut at 120 characters.
fn brief(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 120 {
        let cut: String = s.chars().take(117).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// The context below an object: picks up codes, names and pages as it descends.
fn enter<'a>(
    ctx: &Context<'a>,
    path: &str,
    obj: &Map<String, Value>,
    scheme: &Scheme,
) -> Context<'a> {
    let mut c = ctx.clone();
    let last = path.rsplit('.').next().unwrap_or("");
    (scheme.locate)(&mut c, ctx.top, path, last, obj);
    if let Some(p) = obj.get("page").and_then(Value::as_u64) {
        c.page = u32::try_from(p).ok();
    }
    c
}

fn walk(
    path: String,
    a: &Value,
    b: &Value,
    ctx: &Context<'_>,
    scheme: &Scheme,
    out: &mut Vec<Finding>,
) {
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) => {
            let inner = enter(ctx, &path, ma, scheme);
            for (k, va) in ma {
                if k == "page" {
                    continue;
                }
                let p = format!("{path}.{k}");
                match mb.get(k) {
                    Some(vb) => walk(p, va, vb, &inner, scheme, out),
                    None => out.push(inner.finding(
                        &p,
                        Some(va),
                        None,
                        msg!("what-roundtrip-missing", source = brief(va)),
                    )),
                }
            }
            for (k, vb) in mb {
                if k != "page" && !ma.contains_key(k) {
                    out.push(inner.finding(
                        &format!("{path}.{k}"),
                        None,
                        Some(vb),
                        msg!("what-roundtrip-extra", value = brief(vb)),
                    ));
                }
            }
        }
        (Value::Array(va), Value::Array(vb)) => {
            for step in align(va, vb) {
                match step {
                    (Some(i), Some(j)) => {
                        walk(format!("{path}[{i}]"), &va[i], &vb[j], ctx, scheme, out)
                    }
                    (Some(i), None) => {
                        let p = format!("{path}[{i}]");
                        let x = &va[i];
                        let inner = match x {
                            Value::Object(m) => enter(ctx, &p, m, scheme),
                            _ => ctx.clone(),
                        };
                        out.push(inner.finding(
                            &p,
                            Some(x),
                            None,
                            msg!("what-roundtrip-missing", source = brief(x)),
                        ));
                    }
                    (None, Some(j)) => {
                        let y = &vb[j];
                        out.push(ctx.finding(
                            &format!("{path}[{j}]"),
                            None,
                            Some(y),
                            msg!(
                                "what-roundtrip-extra-element",
                                element = j,
                                value = brief(y)
                            ),
                        ));
                    }
                    (None, None) => {}
                }
            }
        }
        _ if a == b => {}
        _ => out.push(ctx.finding(
            &path,
            Some(a),
            Some(b),
            msg!(
                "what-roundtrip-differs",
                source = brief(a),
                regenerated = brief(b)
            ),
        )),
    }
}

/// The identity of an array element: its code, target and activity, name or
/// title, whichever it has; `None` for other values.
fn identity(v: &Value) -> Option<String> {
    let Value::Object(m) = v else { return None };
    let text = |k: &str| m.get(k).and_then(Value::as_str);
    let level = text("level").unwrap_or("");
    if let Some(code) = text("code") {
        return Some(format!("{level} {code}"));
    }
    if let (Some(t), Some(a)) = (text("target"), text("activity")) {
        return Some(format!("{t}\u{1f}{a}"));
    }
    text("name").or_else(|| text("title")).map(str::to_string)
}

/// Pairs the elements of two arrays: `(Some(i), Some(j))` compared field by
/// field, `(Some(i), None)` missing, `(None, Some(j))` extra.
///
/// Elements with an identity ([`identity`]) are aligned on the longest common
/// subsequence of identities, so one missing element is one finding rather
/// than a shift of every later one; between two aligned elements the rest pair
/// up by position (an element whose name changed is still compared field by
/// field). Arrays of plain values pair by position.
fn align(a: &[Value], b: &[Value]) -> Vec<(Option<usize>, Option<usize>)> {
    let ka: Option<Vec<String>> = a.iter().map(identity).collect();
    let kb: Option<Vec<String>> = b.iter().map(identity).collect();
    let anchors = match (ka, kb) {
        (Some(ka), Some(kb)) => lcs(&ka, &kb),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (ai, bj) in anchors
        .into_iter()
        .chain(std::iter::once((a.len(), b.len())))
    {
        while i < ai && j < bj {
            out.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        }
        out.extend((i..ai).map(|i| (Some(i), None)));
        out.extend((j..bj).map(|j| (None, Some(j))));
        if ai < a.len() && bj < b.len() {
            out.push((Some(ai), Some(bj)));
        }
        (i, j) = (ai + 1, bj + 1);
    }
    out
}

/// Index pairs of a longest common subsequence of `a` and `b`.
fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn aligns_on_identities() {
        let a = [
            json!({"name": "a"}),
            json!({"name": "b"}),
            json!({"name": "c"}),
        ];
        let b = [
            json!({"name": "a"}),
            json!({"name": "c"}),
            json!({"name": "d"}),
        ];
        assert_eq!(
            align(&a, &b),
            vec![
                (Some(0), Some(0)),
                (Some(1), None),
                (Some(2), Some(1)),
                (None, Some(2))
            ]
        );
        // A renamed element between anchors is compared in place.
        let b = [
            json!({"name": "a"}),
            json!({"name": "B"}),
            json!({"name": "c"}),
        ];
        assert_eq!(
            align(&a, &b),
            vec![(Some(0), Some(0)), (Some(1), Some(1)), (Some(2), Some(2))]
        );
        let plain = [json!(1), json!(2)];
        assert_eq!(
            align(&plain, &plain[..1]),
            vec![(Some(0), Some(0)), (Some(1), None)]
        );
    }
}
