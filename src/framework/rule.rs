//! The promotion rule: what a case must show for a promotion to be granted, fixed before
//! anyone is judged. `framework.md` states it under `promotion:`, and a `track.md` may
//! state its own, which replaces the framework's for that track.
//!
//! ```yaml
//! promotion:
//!   new: { at_least: meets }               # every expectation new at the level
//!   carried: { at_least: meets, except: 2 } # at most two carried-over ones below it
//!   evidence: others                        # evidence from someone other than the candidate
//! ```
//!
//! Every clause is optional. The rule is read raw (unknown clauses and bad numbers are
//! reported where they are written), then checked against the framework's rating scale,
//! and said in plain words by [`PromotionRule::sentences`].

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use ts_rs::TS;

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::front_matter::{Schema, Yaml};
use crate::framework::source::SourceFile;

/// The rule a promotion case is judged by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PromotionRule {
    /// How the expectations new at the target level must be rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub new: Option<Threshold>,
    /// How the expectations carried over from lower levels must be rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub carried: Option<Threshold>,
    /// What evidence every rating needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub evidence: Option<EvidenceRule>,
}

/// A lowest rating a group of expectations must reach, and how many may fall short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// A rating id of the scale: each expectation is rated this or higher.
    pub at_least: String,
    /// How many expectations of the group may be rated lower (or not at all).
    #[serde(default)]
    pub except: u32,
}

/// What evidence every rating needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceRule {
    /// At least one piece of evidence, from anyone.
    Any,
    /// At least one piece of evidence from someone other than the candidate.
    Others,
}

impl EvidenceRule {
    const ALL: [(&'static str, EvidenceRule); 2] =
        [("any", EvidenceRule::Any), ("others", EvidenceRule::Others)];
}

/// Which clause of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Clause {
    /// `new`: the expectations new at the target level.
    New,
    /// `carried`: the expectations carried over from lower levels.
    Carried,
    /// `evidence`: what evidence every rating needs.
    Evidence,
}

impl PromotionRule {
    /// Whether the rule states no clause at all.
    pub fn is_empty(&self) -> bool {
        self.new.is_none() && self.carried.is_none() && self.evidence.is_none()
    }

    /// Each clause the rule states, in plain words, in the order `new`, `carried`,
    /// `evidence`. `name_of` gives a rating's name from its id.
    pub fn sentences(&self, name_of: impl Fn(&str) -> String) -> Vec<(Clause, String)> {
        let mut out = Vec::new();
        if let Some(t) = &self.new {
            out.push((
                Clause::New,
                threshold_words("new at this level", t, &name_of),
            ));
        }
        if let Some(t) = &self.carried {
            out.push((
                Clause::Carried,
                threshold_words("carried over from earlier levels", t, &name_of),
            ));
        }
        if let Some(e) = self.evidence {
            out.push((Clause::Evidence, evidence_words(e).to_owned()));
        }
        out
    }

    /// The whole rule in plain words, one sentence per clause.
    pub fn words(&self, name_of: impl Fn(&str) -> String) -> String {
        if self.is_empty() {
            return "The rule sets no condition: the case is judged on its merits.".to_owned();
        }
        self.sentences(name_of)
            .into_iter()
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn threshold_words(group: &str, t: &Threshold, name_of: &impl Fn(&str) -> String) -> String {
    let name = name_of(&t.at_least);
    match t.except {
        0 => format!("Every expectation {group} is rated {name} or above."),
        n => format!(
            "Every expectation {group} is rated {name} or above, save at most {n} that may be below {name}."
        ),
    }
}

fn evidence_words(e: EvidenceRule) -> &'static str {
    match e {
        EvidenceRule::Any => "Every rating needs evidence.",
        EvidenceRule::Others => {
            "Every rating needs evidence from someone other than the candidate."
        }
    }
}

// ------------------------------------------------------------ reading it

/// The `promotion:` block as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    new: Option<RawThreshold>,
    carried: Option<RawThreshold>,
    evidence: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThreshold {
    at_least: Spanned<String>,
    #[serde(default)]
    except: Option<u32>,
}

/// The front matter read again for `promotion:` alone; the other keys are the file's own
/// parse's business.
#[derive(Deserialize)]
struct Holder {
    promotion: Option<RawRule>,
}

/// A rule read from one file, before its ratings are checked against the scale.
#[derive(Debug, Clone)]
pub(crate) struct ReadRule {
    rule: PromotionRule,
    /// Each rating id the rule names, with its byte offset and length in the file.
    ratings: Vec<(String, usize, usize)>,
}

/// Reads the `promotion:` block of a file whose front matter parsed with `schema`.
/// Diagnostics already given for the file are not given twice; a bad block is reported
/// and dropped, and the rest of the file still loads.
pub(crate) fn read(
    yaml: &Yaml<'_>,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ReadRule> {
    let mut found = Vec::new();
    let holder: Option<Holder> = yaml.parse(schema, &mut found);
    for d in found {
        if !diagnostics.contains(&d) {
            diagnostics.push(d);
        }
    }
    let raw = holder?.promotion?;
    let mut ratings = Vec::new();
    let mut threshold = |t: RawThreshold| {
        let (offset, len) = yaml.span(&t.at_least.referenced);
        ratings.push((t.at_least.value.clone(), offset, len));
        Threshold {
            at_least: t.at_least.value,
            except: t.except.unwrap_or(0),
        }
    };
    let new = raw.new.map(&mut threshold);
    let carried = raw.carried.map(&mut threshold);
    let evidence = match raw.evidence {
        None => None,
        Some(e) => match EvidenceRule::ALL.iter().find(|(k, _)| *k == e.value) {
            Some(&(_, rule)) => Some(rule),
            None => {
                let words = EvidenceRule::ALL.iter().map(|(k, _)| *k);
                let hint = crate::framework::suggest::hint(&e.value, words.clone());
                diagnostics.push(
                    yaml.diagnostic_on(
                        Code::InvalidValue,
                        &e,
                        format!("unknown evidence rule `{}`{hint}", e.value),
                    )
                    .with_help(format!(
                        "`evidence:` takes {}",
                        crate::framework::suggest::list(words)
                    )),
                );
                return None;
            }
        },
    };
    Some(ReadRule {
        rule: PromotionRule {
            new,
            carried,
            evidence,
        },
        ratings,
    })
}

/// The rule, once every rating it names is on the framework's scale (its rating ids,
/// lowest first); otherwise each unknown one is reported and the rule is dropped.
pub(crate) fn checked(
    read: ReadRule,
    scale: &[String],
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PromotionRule> {
    let ids = || scale.iter().map(String::as_str);
    let mut ok = true;
    for (id, offset, len) in &read.ratings {
        if !ids().any(|s| s == id) {
            ok = false;
            let hint = crate::framework::suggest::hint(id, ids());
            diagnostics.push(
                Diagnostic::at(
                    Code::InvalidValue,
                    file,
                    *offset,
                    *len,
                    format!(
                        "the promotion rule names rating `{id}`, which is not on the scale{hint}"
                    ),
                )
                .with_help(format!(
                    "the ratings of the scale are {}",
                    crate::framework::suggest::list(ids())
                )),
            );
        }
    }
    ok.then_some(read.rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Vec<String> {
        ["not-yet", "meets", "beyond"].map(str::to_owned).to_vec()
    }

    fn name(id: &str) -> String {
        match id {
            "not-yet" => "Not yet",
            "meets" => "Meets",
            "beyond" => "Beyond",
            other => other,
        }
        .to_owned()
    }

    const SCHEMA: Schema = Schema {
        known: &["name", "promotion"],
        required: &[],
        older: &[],
    };

    fn read_text(yaml_text: &str) -> (Option<PromotionRule>, Vec<String>) {
        let file = SourceFile::new("framework.md", format!("---\n{yaml_text}---\n"));
        let mut diagnostics = Vec::new();
        let rule = crate::framework::front_matter::split(&file.text)
            .ok()
            .and_then(|split| read(&Yaml { file: &file, split }, &SCHEMA, &mut diagnostics))
            .and_then(|r| checked(r, &scale(), &file, &mut diagnostics));
        (rule, diagnostics.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_whole_rule_reads_and_says_itself_in_plain_words() {
        let (rule, diagnostics) = read_text(
            "promotion:\n  new: { at_least: meets }\n  carried: { at_least: meets, except: 2 }\n  evidence: others\n",
        );
        assert_eq!(diagnostics, Vec::<String>::new());
        let rule = rule.unwrap_or_default();
        assert_eq!(
            rule.words(name),
            "Every expectation new at this level is rated Meets or above. \
             Every expectation carried over from earlier levels is rated Meets or above, save at most 2 that may be below Meets. \
             Every rating needs evidence from someone other than the candidate."
        );
    }

    #[test]
    fn every_clause_is_optional() {
        let (rule, diagnostics) = read_text("promotion:\n  evidence: any\n");
        assert!(diagnostics.is_empty());
        assert_eq!(
            rule,
            Some(PromotionRule {
                evidence: Some(EvidenceRule::Any),
                ..PromotionRule::default()
            })
        );
        let (rule, _) = read_text("name: x\n");
        assert_eq!(rule, None);
        assert_eq!(
            PromotionRule::default().words(name),
            "The rule sets no condition: the case is judged on its merits."
        );
    }

    #[test]
    fn a_rating_off_the_scale_is_reported_with_a_suggestion() {
        let (rule, diagnostics) = read_text("promotion:\n  new: { at_least: meet }\n");
        assert_eq!(rule, None);
        assert_eq!(
            diagnostics,
            ["framework.md:3:20: error[invalid-value]: the promotion rule names rating `meet`, which is not on the scale (did you mean `meets`?) (the ratings of the scale are `not-yet`, `meets`, `beyond`)"]
        );
    }

    #[test]
    fn an_unknown_clause_and_a_bad_number_are_reported_where_written() {
        let (rule, diagnostics) = read_text("promotion:\n  carryed: { at_least: meets }\n");
        assert_eq!(rule, None);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].starts_with("framework.md:3:3: error[unknown-key]: unknown key `carryed` (did you mean `carried`?)"),
            "{diagnostics:?}"
        );
        let (rule, diagnostics) =
            read_text("promotion:\n  carried: { at_least: meets, except: -1 }\n");
        assert_eq!(rule, None);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(
            diagnostics[0].starts_with("framework.md:3:"),
            "{diagnostics:?}"
        );
    }

    #[test]
    fn an_unknown_evidence_rule_is_reported() {
        let (rule, diagnostics) = read_text("promotion:\n  evidence: other\n");
        assert_eq!(rule, None);
        assert_eq!(
            diagnostics,
            ["framework.md:3:13: error[invalid-value]: unknown evidence rule `other` (did you mean `others`?) (`evidence:` takes `any`, `others`)"]
        );
    }
}
