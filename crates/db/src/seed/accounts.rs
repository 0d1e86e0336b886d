//! Demo accounts, one per role, with documented passwords (README.md) so a
//! newcomer can log in at once. Their hashes are fixed here, so loading the demo
//! data hashes nothing and a production start can tell that a demo password is
//! still in use by comparing hashes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::demo_id;
use crate::schema::{partner_client_regions, partner_clients, user_regions, users};
use crate::{DbConnection, DbError};

pub struct DemoUser {
    pub email: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub ministry: Option<&'static str>,
    pub regions: &'static [&'static str],
    /// Argon2id hash of `password`.
    pub password_hash: &'static str,
}

const ADMIN_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$7XfS+DMTuLaBoMJ+n8FlDg$L+dhVv30RxhOkQ0yLsGMXPJNZ+X/Ku92lJBzvHPn5rg";
const COORDINATOR_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$9JoNfgIwB+St69RRszh+LQ$Z+vEnC7HxONozxnzOTRTYbypcIVunUtF4HhiPJpSnx0";
const OFFICIAL_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$sO+mTsqjCl4s8uprY/o66Q$urU6TQV55/OfkEXvLCJTq8OIqzlt1wo0eI2eROoNiUA";
const ANALYST_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$yZ0j82t1EF2CAXSS5xXpXg$jKP+sBLJlT8smYT9HDpsEzp1PFbT4QA8o8XSR9n65DI";
const PARTNER_SECRET_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$vauUemRidnuUC+nOlGOhig$fx9Q2CiZnBT+IO3Kfg8DIsmPk+RLFVdDPNRXh00872w";

pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        email: "admin@zorgpact.demo",
        password: "demo-admin-2026",
        display_name: "Programmateam (demo)",
        role: "admin",
        ministry: None,
        regions: &[],
        password_hash: ADMIN_HASH,
    },
    DemoUser {
        email: "coordinator.twente@zorgpact.demo",
        password: "demo-coordinator-2026",
        display_name: "Kartrekker Twente (demo)",
        role: "coordinator",
        ministry: None,
        regions: &["twente"],
        password_hash: COORDINATOR_HASH,
    },
    DemoUser {
        email: "coordinator.gelderland@zorgpact.demo",
        password: "demo-coordinator-2026",
        display_name: "Kartrekker Midden- en Zuid-Gelderland (demo)",
        role: "coordinator",
        ministry: None,
        regions: &["midden-en-zuid-gelderland"],
        password_hash: COORDINATOR_HASH,
    },
    DemoUser {
        email: "official.vws@zorgpact.demo",
        password: "demo-official-2026",
        display_name: "Beleidsmedewerker VWS (demo)",
        role: "official",
        ministry: Some("VWS"),
        regions: &[],
        password_hash: OFFICIAL_HASH,
    },
    DemoUser {
        email: "official.ocw@zorgpact.demo",
        password: "demo-official-2026",
        display_name: "Beleidsmedewerker OCW (demo)",
        role: "official",
        ministry: Some("OCW"),
        regions: &[],
        password_hash: OFFICIAL_HASH,
    },
    DemoUser {
        email: "official.szw@zorgpact.demo",
        password: "demo-official-2026",
        display_name: "Beleidsmedewerker SZW (demo)",
        role: "official",
        ministry: Some("SZW"),
        regions: &[],
        password_hash: OFFICIAL_HASH,
    },
    DemoUser {
        email: "analyst@zorgpact.demo",
        password: "demo-analyst-2026",
        display_name: "Onderzoeker (demo)",
        role: "analyst",
        ministry: None,
        regions: &[],
        password_hash: ANALYST_HASH,
    },
];

/// The demo partner system: pushes indicator values for Twente, reads actions.
pub struct DemoPartner {
    pub client_id: &'static str,
    pub secret: &'static str,
    pub name: &'static str,
    pub scopes: &'static str,
    pub regions: &'static [&'static str],
}

pub const DEMO_PARTNER: DemoPartner = DemoPartner {
    client_id: "demo-dashboard-twente",
    secret: "demo-partner-2026",
    name: "Regionaal arbeidsmarktdashboard Twente (demo)",
    scopes: "indicator-values:write indicator-values:read actions:read",
    regions: &["twente"],
};

/// Inserts the demo accounts that are missing; returns how many.
pub fn insert_missing(conn: &mut DbConnection, now: NaiveDateTime) -> Result<usize, DbError> {
    let mut inserted = 0;
    for user in DEMO_USERS {
        let exists = users::table
            .filter(users::email.eq(user.email))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if exists {
            continue;
        }
        let id = demo_id("user", user.email);
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&id),
                users::email.eq(user.email),
                users::display_name.eq(user.display_name),
                users::password_hash.eq(user.password_hash),
                users::role.eq(user.role),
                users::ministry.eq(user.ministry),
                users::active.eq(true),
                users::created_at.eq(now),
                users::updated_at.eq(now),
                users::version.eq(1),
            ))
            .execute(conn)?;
        for region in user.regions {
            diesel::insert_into(user_regions::table)
                .values((user_regions::user_id.eq(&id), user_regions::region_code.eq(*region)))
                .execute(conn)?;
        }
        inserted += 1;
    }
    let partner_exists = partner_clients::table
        .filter(partner_clients::client_id.eq(DEMO_PARTNER.client_id))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if !partner_exists {
        let id = demo_id("partner-client", DEMO_PARTNER.client_id);
        diesel::insert_into(partner_clients::table)
            .values((
                partner_clients::id.eq(&id),
                partner_clients::client_id.eq(DEMO_PARTNER.client_id),
                partner_clients::name.eq(DEMO_PARTNER.name),
                partner_clients::secret_hash.eq(PARTNER_SECRET_HASH),
                partner_clients::scopes.eq(DEMO_PARTNER.scopes),
                partner_clients::active.eq(true),
                partner_clients::version.eq(1),
                partner_clients::created_at.eq(now),
                partner_clients::updated_at.eq(now),
            ))
            .execute(conn)?;
        for region in DEMO_PARTNER.regions {
            diesel::insert_into(partner_client_regions::table)
                .values((
                    partner_client_regions::partner_client_id.eq(&id),
                    partner_client_regions::region_code.eq(*region),
                ))
                .execute(conn)?;
        }
        inserted += 1;
    }
    Ok(inserted)
}

/// The demo accounts whose password is still the documented demo password.
pub fn demo_passwords_in_use(conn: &mut DbConnection) -> Result<Vec<String>, DbError> {
    let mut in_use = Vec::new();
    for user in DEMO_USERS {
        let still_demo = users::table
            .filter(users::email.eq(user.email))
            .filter(users::password_hash.eq(user.password_hash))
            .filter(users::active.eq(true))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if still_demo {
            in_use.push(user.email.to_owned());
        }
    }
    let partner_still_demo = partner_clients::table
        .filter(partner_clients::client_id.eq(DEMO_PARTNER.client_id))
        .filter(partner_clients::secret_hash.eq(PARTNER_SECRET_HASH))
        .filter(partner_clients::active.eq(true))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if partner_still_demo {
        in_use.push(DEMO_PARTNER.client_id.to_owned());
    }
    Ok(in_use)
}
