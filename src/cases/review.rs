//! Reviewers other than the case owner: committee members who rate a case on their own
//! copy, without seeing anyone else's ratings, and whose file the owner imports.
//!
//! [`for_reviewer`] makes the copy: the case's expectations and evidence, no one's
//! ratings (the owner's, the candidate's, a specialist's or another reviewer's), no
//! recommendation and no decision. The reviewer rates it (in the app, on its own page)
//! and hands it back; [`import`] takes their ratings into the case as one [`Review`],
//! replacing an earlier one by the same reviewer.

use super::export::slug;
use super::limits::{self, LimitError};
use super::{Case, Review, Reviewer};

/// Why a reviewer's file could not be made or taken into a case; the case is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// The reviewer has no name.
    #[error("a reviewer's copy needs the reviewer's name")]
    NoReviewer,
    /// A name or craft outside the limits.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// The file is not a reviewer's copy.
    #[error(
        "this file is not a reviewer's copy of a case; one is made with \
         `rung case review-export` or \"Export for a reviewer…\" in the app"
    )]
    NotAReview,
    /// The file is a reviewer's copy of another case.
    #[error("this reviewer's copy is of case `{file}`, not of `{case}`")]
    OtherCase {
        /// The case the file is a copy of.
        file: String,
        /// The case it was to go into.
        case: String,
    },
    /// The reviewer rated nothing.
    #[error("{0} has rated no expectation yet")]
    Empty(String),
    /// A reviewer's copy offered as a case of its own.
    #[error(
        "this file is a reviewer's copy of case `{0}`, not a case; take it into that case \
         with \"Import a review…\" or `rung case review-import`"
    )]
    IsACopy(String),
    /// A self-assessment or a reviewer's copy cannot take reviews.
    #[error("reviews are taken into a promotion case, not into a self-assessment or a copy")]
    NotAPromotionCase,
    /// The rated copy is not a case the import would read.
    #[error(transparent)]
    Invalid(super::exchange::ImportError),
}

/// The copy of `case` a reviewer rates: the same expectations and evidence, with every
/// rating, reason and judgement of others left out, marked as for `reviewer`.
pub fn for_reviewer(case: &Case, reviewer: &Reviewer) -> Result<Case, ReviewError> {
    let name = reviewer.name.trim();
    if name.is_empty() {
        return Err(ReviewError::NoReviewer);
    }
    limits::check_person("reviewer", name)?;
    limits::check_framework_id("craft", reviewer.craft.trim())?;
    if case.self_assessment || case.review_for.is_some() {
        return Err(ReviewError::NotAPromotionCase);
    }
    let mut copy = case.clone();
    copy.ratings.clear();
    copy.self_ratings.clear();
    copy.reviews.clear();
    copy.differences.clear();
    copy.recommendation = None;
    copy.decision = None;
    copy.recalibrations.clear();
    copy.acknowledged.clear();
    copy.reveals.clear();
    // A specialist's view is a rating too; the reviewer judges the evidence alone.
    copy.specialists.clear();
    copy.review_for = Some(Reviewer {
        name: name.to_owned(),
        craft: reviewer.craft.trim().to_owned(),
    });
    Ok(copy)
}

/// Takes a reviewer's rated copy into `case`: their ratings of the case's expectations
/// become one [`Review`], replacing an earlier review by the same name.
pub fn import(case: &mut Case, file: &Case) -> Result<(), ReviewError> {
    let Some(reviewer) = &file.review_for else {
        return Err(ReviewError::NotAReview);
    };
    if case.self_assessment || case.review_for.is_some() {
        return Err(ReviewError::NotAPromotionCase);
    }
    if file.id != case.id {
        return Err(ReviewError::OtherCase {
            file: file.id.clone(),
            case: case.id.clone(),
        });
    }
    let ratings: std::collections::BTreeMap<_, _> = file
        .ratings
        .iter()
        .filter(|(id, _)| case.expectations.iter().any(|e| e.id == **id))
        .map(|(id, r)| (id.clone(), r.clone()))
        .collect();
    if ratings.is_empty() {
        return Err(ReviewError::Empty(reviewer.name.clone()));
    }
    case.reviews.retain(|r| r.reviewer.name != reviewer.name);
    case.reviews.push(Review {
        reviewer: reviewer.clone(),
        ratings,
    });
    Ok(())
}

/// The name to suggest for a reviewer's copy: the case's id, `review` and the
/// reviewer, as in `c1-review-kofi-mensah.rungcase`.
pub fn file_name(copy: &Case) -> String {
    let who = copy.review_for.as_ref().map_or("", |r| r.name.as_str());
    format!(
        "{}-review-{}.{}",
        slug(&copy.id),
        slug(who),
        super::exchange::CASE_EXTENSION
    )
}

/// A reviewer's rated copy as the text of its file, checked as [`import`] and reading a
/// case file will check it: a reviewer's copy, whole, with at least one rating.
pub fn to_file(review: &Case) -> Result<String, ReviewError> {
    let Some(reviewer) = &review.review_for else {
        return Err(ReviewError::NotAReview);
    };
    super::exchange::validate(review).map_err(ReviewError::Invalid)?;
    if review.ratings.is_empty() {
        return Err(ReviewError::Empty(reviewer.name.clone()));
    }
    Ok(super::exchange::to_json(review))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::start::sample;
    use crate::cases::{Rating, SpecialistInput};

    fn reviewer() -> Reviewer {
        Reviewer {
            name: " Kofi Mensah ".into(),
            craft: "design".into(),
        }
    }

    fn rated(case: &mut Case, rating: &str) {
        let id = case.expectations[0].id.clone();
        case.ratings.insert(
            id,
            Rating {
                rating: rating.into(),
                reason: "the reason".into(),
            },
        );
    }

    #[test]
    fn a_reviewer_copy_holds_no_one_elses_judgement() {
        let mut case = sample("c1", "e4");
        rated(&mut case, "meets");
        case.self_ratings = case.ratings.clone();
        case.recommendation = Some("promote".into());
        case.specialists.push(SpecialistInput {
            id: "sp-1".into(),
            who: "Dana".into(),
            craft: "design".into(),
            level: String::new(),
            said: "strong".into(),
            expectations: vec![case.expectations[0].id.clone()],
            reviewed: Vec::new(),
            ratings: case.ratings.clone(),
            confidence: None,
            conflict: String::new(),
        });
        let copy = for_reviewer(&case, &reviewer()).expect("copy");
        assert!(copy.ratings.is_empty() && copy.self_ratings.is_empty());
        assert!(copy.specialists.is_empty() && copy.recommendation.is_none());
        assert_eq!(copy.expectations, case.expectations);
        assert_eq!(
            copy.review_for.as_ref().map(|r| r.name.as_str()),
            Some("Kofi Mensah")
        );
        assert_eq!(
            for_reviewer(&copy, &reviewer()),
            Err(ReviewError::NotAPromotionCase)
        );
        let nobody = Reviewer {
            name: " ".into(),
            craft: String::new(),
        };
        assert_eq!(for_reviewer(&case, &nobody), Err(ReviewError::NoReviewer));
    }

    #[test]
    fn a_review_is_imported_once_per_reviewer() {
        let mut case = sample("c1", "e4");
        let mut copy = for_reviewer(&case, &reviewer()).expect("copy");
        assert_eq!(
            import(&mut case, &copy),
            Err(ReviewError::Empty("Kofi Mensah".into()))
        );
        rated(&mut copy, "emerging");
        copy.ratings.insert(
            "elsewhere/x".into(),
            Rating {
                rating: "meets".into(),
                reason: String::new(),
            },
        );
        assert_eq!(import(&mut case, &copy), Ok(()));
        rated(&mut copy, "meets");
        assert_eq!(import(&mut case, &copy), Ok(()));
        assert_eq!(
            case.reviews.len(),
            1,
            "the second import replaces the first"
        );
        assert_eq!(
            case.reviews[0].ratings.len(),
            1,
            "only the case's expectations"
        );
        assert!(case.ratings.is_empty(), "the owner's ratings are untouched");
        let other = sample("c2", "e4");
        let mut other_copy = for_reviewer(&other, &reviewer()).expect("copy");
        rated(&mut other_copy, "meets");
        assert_eq!(
            import(&mut case, &other_copy),
            Err(ReviewError::OtherCase {
                file: "c2".into(),
                case: "c1".into()
            })
        );
        assert_eq!(import(&mut case, &other), Err(ReviewError::NotAReview));
    }

    #[test]
    fn a_rated_copy_is_saved_only_when_it_would_import() {
        let case = sample("c1", "e4");
        let mut copy = for_reviewer(&case, &reviewer()).expect("copy");
        assert_eq!(file_name(&copy), "c1-review-kofi-mensah.rungcase");
        assert_eq!(
            to_file(&copy).map_err(|e| e.to_string()),
            Err("Kofi Mensah has rated no expectation yet".into())
        );
        assert_eq!(
            to_file(&case).map_err(|e| e.to_string()),
            Err(ReviewError::NotAReview.to_string())
        );
        rated(&mut copy, "off-the-scale");
        assert_eq!(
            to_file(&copy).map_err(|e| e.to_string()),
            Err("`off-the-scale` is not on the case's rating scale".into())
        );
        rated(&mut copy, "meets");
        let text = to_file(&copy).expect("saved");
        let back = crate::cases::exchange::from_json(&text).expect("reads");
        let mut into = case.clone();
        assert_eq!(import(&mut into, &back), Ok(()));
        assert_eq!(into.reviews[0].ratings, copy.ratings);
    }
}
