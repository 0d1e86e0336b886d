//! The progress review (Volgspot 1) of Zorg- en Welzijnspact Midden- en
//! Zuid-Gelderland, focus group of 5 July 2017, in the five parts of the
//! analysis frame, as the source document records it
//! (`volgspot-midden-zuid-gelderland-2017.txt`). The document predates the
//! committee's reference frame; its scores here are the programme team's reading
//! of the same document, each motivated from it. No barrier ticket is linked:
//! the region's demo ticket was filed in 2019, after this review.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use zorgpact_domain::review::{
    InnovationPhase, NewReview, ReviewParts, ReviewPartsInput, ReviewRound, ReviewStatus, ScoreLevel, ScoredAspect,
    parse_scores,
};

use super::demo_id;
use crate::reviews;
use crate::schema::progress_reviews;
use crate::{DbConnection, DbError};

const REGION: &str = "midden-en-zuid-gelderland";

const INTENTIONS: &[&str] = &[
    "Een plan maken om een gesprekspartner vanuit verschillende gemeenten voor het Zorg- en Welzijnspact te organiseren.",
    "Het actieprogramma tekorten \u{201c}Waard om voor te Werken\u{201d} in nauwe verbinding met het Zorg- en Welzijnspact brengen.",
    "Een strategie formuleren om het gezamenlijk urgentiebesef voor de doelstellingen en thema's van het pact bij bestuurders aan te wakkeren.",
    "Eigenaarschap van de doelen en resultaten beleggen door kartrekkers aan te wijzen, om zo ook de voortgang op activiteiten te monitoren.",
    "De samenwerking met het Techniekpact verder ontplooien.",
    "Welzijn beter aansluiten in de focusgroep.",
];

fn at(date: &str) -> Result<NaiveDateTime, DbError> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .ok_or_else(|| DbError::Seed(format!("demo review date {date}")))
}

fn invalid(e: impl std::fmt::Display) -> DbError {
    DbError::Seed(format!("demo review: {e}"))
}

/// Inserts the demo review unless it is there; whether it did.
pub(super) fn insert_missing(conn: &mut DbConnection) -> Result<usize, DbError> {
    let id = demo_id("review", &format!("{REGION}:2017-07-05"));
    let stored: i64 = progress_reviews::table
        .filter(progress_reviews::id.eq(&id))
        .count()
        .get_result(conn)?;
    if stored > 0 {
        return Ok(0);
    }
    let intentions: Vec<String> = INTENTIONS.iter().map(|i| (*i).to_owned()).collect();
    let parts = ReviewParts::parse(&ReviewPartsInput {
        why_question: "Het volwaardig functioneren van mensen ondersteunen door samenhang in de samenwerking van zorg en welzijn, in werken en leren en door instituties heen. Het gaat om het intensiveren van samenhang in de samenwerking tussen overheid, onderwijs, zorg en welzijn op het niveau van de wijk en de keten, met als doel voldoende professionals op te leiden en te ontwikkelen die goed voorbereid zijn op veranderende rollen in de toekomst.",
        why_transition: "Zorg wordt dichter naar de burger gebracht.",
        what_themes: "1. De vrijwilliger en de professional samen actief voor de wijkbewoner.\n2. De wijk is de leerwerkomgeving voor flexibel onderwijs, door de hele keten van zorg en welzijn.\n3. Vroegsignalering in de wijk.\n4. Gebruik van technologie.",
        what_focus_areas: "Nieuwe strategische doelen: de gemeente betrekken als sparringpartner op het gebied van Human Capital; bijdragen aan oplossingen voor tekorten op de Gelderse arbeidsmarkt zorg en welzijn; urgentiebesef bij bestuurders voor de 4 thema's en het overkoepelend doel; samenwerking met het Techniekpact intensiveren.",
        how_cooperation: "Na de startfase is het actiecomité verder gegaan als focusgroep: aanjager en facilitator van innovatie door co-creatie tussen organisaties, opleidingen, overheid en overige (OR, zorgvragers). Onderwijs, overheid en zorg en welzijn zijn afwisselend gastheer van de pactbijeenkomsten; de strategie richt zich op kennisdeling, communicatie en beweging.",
        how_partners: "ROC Rijn IJssel, Hogeschool van Arnhem en Nijmegen, Gemeente Arnhem, Gemeente Nijmegen, Radboudumc, Spectrum Partner met Elan, Pluryn en WZW (facilitator en verbinder); ondersteund door de Provincie Gelderland; 70 medewerkers tekenden voor de samenwerking.",
        how_success_factors: "In de eerste fase van het pact zijn veel projecten opgehaald en zichtbaar geworden; de eerste ambities zijn na één jaar behaald.",
        how_barriers: "Nog beter inzichtelijk maken wat er op elk van de 4 thema's gebeurt en de link met het pact expliciet maken; ideeën op bestuurlijk vlak verknopen en het gezamenlijk urgentiebesef van bestuurders aanwakkeren; vanuit meerdere gemeenten een gesprekspartner organiseren voor de aansluiting onderwijs-werkveld.",
        barrier_ticket_ids: &[],
        process_phase: Some(InnovationPhase::Directing),
        process_notes: "Het pact doorloopt de cirkel voor de tweede keer en zit (opnieuw) in de fase van richten van de inzet; de rol van de focusgroep moet scherper.",
        progress_results: "Brede kennisdelingsbijeenkomsten vinden om beurten plaats bij de verschillende O's. Er is een online platform bij het onderwijs-arbeidsmarktforum van de Provincie Gelderland. Een RIF-aanvraag is toegekend voor Tech@doptie.",
        intentions: &intentions,
    })
    .map_err(invalid)?;
    let new = NewReview {
        round: ReviewRound::SharpenQuestion,
        review_date: NaiveDate::from_ymd_opt(2017, 7, 5).ok_or_else(|| invalid("date"))?,
        parts,
    };
    let written = at("2017-07-05")?;
    reviews::insert_new(conn, &id, REGION, &new, written)?;
    let scores = parse_scores(&[
        (
            ScoredAspect::RegionalVision,
            ScoreLevel::Broaden,
            "De ambitie is breed gedragen door alle O's; nieuwe strategische doelen verbreden haar naar gemeenten en de arbeidsmarkt.",
        ),
        (
            ScoredAspect::ActionPlan,
            ScoreLevel::Strengthen,
            "Projecten zijn opgehaald en zichtbaar; acties bij de nieuwe doelen en kartrekkers moeten nog worden belegd.",
        ),
        (
            ScoredAspect::Governance,
            ScoreLevel::Strengthen,
            "De focusgroep wil haar rol scherper maken en bestuurders gezamenlijk aan het pact binden.",
        ),
    ])
    .map_err(invalid)?;
    reviews::write_scores(conn, &id, &scores)?;
    reviews::settle(
        conn,
        &id,
        ReviewStatus::Final,
        Some(at("2017-07-12")?),
        Some(at("2017-07-20")?),
    )?;
    Ok(1)
}
