//! Who may use the system and in which role: user accounts (people) and partner
//! systems' credentials, with the rules an admin's input must meet.

use std::fmt;

use crate::barrier::Ministry;
use crate::code_enum::code_enum;
use crate::region::RegionCode;
use crate::{InvalidValue, Validator, text};

code_enum! {
    /// What kind of account a caller is; it decides what the caller may do.
    Role {
        /// The programme team: manages everything.
        Admin => "admin",
        /// A regional coordinator (*kartrekker*), scoped to one or more regions.
        Coordinator => "coordinator",
        /// A ministry official, scoped to OCW, VWS or SZW.
        Official => "official",
        /// Read-only access to everything.
        Analyst => "analyst",
        /// A partner system's service account.
        Partner => "partner",
    }
}

code_enum! {
    /// What a partner system's credential allows, besides its regions.
    Scope {
        ActionsRead => "actions:read",
        ActionsWrite => "actions:write",
        IndicatorValuesRead => "indicator-values:read",
        IndicatorValuesWrite => "indicator-values:write",
        IndicatorTargetsWrite => "indicator-targets:write",
        /// Subscribing to webhooks and reading their delivery logs.
        WebhooksManage => "webhooks:manage",
    }
}

/// RFC 5321's limit on a forward path.
pub const EMAIL_MAX: usize = 254;
pub const DISPLAY_NAME_MAX: usize = 200;
/// Length rules only (NIST SP 800-63B): long passphrases beat composition rules.
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;
/// More than any account or system can sensibly work for; keeps requests small.
pub const REGIONS_MAX: usize = 100;

/// An e-mail address, the login name of a user: trimmed and lowercase, so
/// `Anne@Example.nl` and `anne@example.nl` are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// A sane check, not RFC 5322: one `@`, a local part without spaces, a domain
    /// of dot-separated labels.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(InvalidValue::empty());
        }
        if email.chars().count() > EMAIL_MAX {
            return Err(InvalidValue::too_long(EMAIL_MAX));
        }
        let valid = match email.split_once('@') {
            Some((local, domain)) => local_part_ok(local) && domain_ok(domain),
            None => false,
        };
        if valid {
            Ok(Self(email))
        } else {
            Err(InvalidValue::invalid_format(
                "must be an e-mail address like name@example.nl",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn local_part_ok(local: &str) -> bool {
    (1..=64).contains(&local.len())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '@' | '"' | '(' | ')' | ',' | ';' | '<' | '>' | '[' | ']' | '\\')
        })
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic) || tld.starts_with("xn--"))
}

/// A new password that meets the policy. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// 12 to 128 characters; used exactly as typed (no trimming: spaces count).
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let length = input.chars().count();
        if length < PASSWORD_MIN {
            return Err(InvalidValue::too_short(PASSWORD_MIN));
        }
        if length > PASSWORD_MAX {
            return Err(InvalidValue::too_long(PASSWORD_MAX));
        }
        if input.chars().any(char::is_control) {
            return Err(InvalidValue::control_characters());
        }
        Ok(Self(input.to_owned()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// The role of a user account: any role but `partner` (partner systems log in
/// with client credentials, not as users).
pub fn user_role(role: Role) -> Result<Role, InvalidValue> {
    match role {
        Role::Partner => Err(InvalidValue::not_allowed(
            "must be one of: admin, coordinator, official, analyst (partner systems get client credentials)",
        )),
        role => Ok(role),
    }
}

/// Region codes, each checked under `pointer/<index>`; a code listed twice is refused.
pub fn region_list(pointer: &str, input: &[String], v: &mut Validator) -> Option<Vec<RegionCode>> {
    if input.len() > REGIONS_MAX {
        v.check(
            false,
            pointer,
            InvalidValue::too_many(REGIONS_MAX, format!("must list at most {REGIONS_MAX} regions")),
        );
        return None;
    }
    let mut regions: Vec<RegionCode> = Vec::with_capacity(input.len());
    let mut ok = true;
    for (i, raw) in input.iter().enumerate() {
        let at = format!("{pointer}/{i}");
        match v.field(&at, RegionCode::parse(raw)) {
            Some(code) if regions.contains(&code) => {
                v.check(false, &at, InvalidValue::listed_twice());
                ok = false;
            }
            Some(code) => regions.push(code),
            None => ok = false,
        }
    }
    ok.then_some(regions)
}

/// The fields of a user an admin sets, checked together: coordinators work for
/// at least one region; officials belong to a ministry and work for no region;
/// admins and analysts have neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFields {
    pub display_name: String,
    pub role: Role,
    pub ministry: Option<Ministry>,
    pub regions: Vec<RegionCode>,
    pub active: bool,
}

/// Raw input for [`UserFields::parse`].
pub struct UserInput<'a> {
    pub display_name: &'a str,
    pub role: Role,
    pub ministry: Option<Ministry>,
    pub regions: &'a [String],
    pub active: bool,
}

impl UserFields {
    /// Checks every field, reporting each rejected one under its JSON pointer.
    pub fn parse(input: &UserInput<'_>, v: &mut Validator) -> Option<Self> {
        let display_name = v.field("/display_name", text::required(input.display_name, DISPLAY_NAME_MAX));
        let role = v.field("/role", user_role(input.role));
        let ministry = input.ministry;
        let regions = region_list("/regions", input.regions, v);
        if let Some(role) = role {
            let has_ministry = ministry.is_some();
            match role {
                Role::Coordinator => {
                    v.check(
                        !input.regions.is_empty(),
                        "/regions",
                        InvalidValue::missing("a coordinator needs at least one region"),
                    );
                }
                Role::Official => {
                    v.check(
                        has_ministry,
                        "/ministry",
                        InvalidValue::missing("an official needs a ministry (OCW, VWS or SZW)"),
                    );
                    v.check(
                        input.regions.is_empty(),
                        "/regions",
                        InvalidValue::not_allowed("officials work for no region"),
                    );
                }
                Role::Admin | Role::Analyst | Role::Partner => {
                    v.check(
                        input.regions.is_empty(),
                        "/regions",
                        InvalidValue::not_allowed("only coordinators work for regions"),
                    );
                }
            }
            if role != Role::Official {
                v.check(
                    !has_ministry,
                    "/ministry",
                    InvalidValue::not_allowed("only officials belong to a ministry"),
                );
            }
        }
        if v.has_errors() {
            return None;
        }
        Some(Self {
            display_name: display_name?,
            role: role?,
            ministry,
            regions: regions?,
            active: input.active,
        })
    }
}

/// What a partner system sends as `client_id`: a slug such as `dashboard-twente`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientId(String);

impl ClientId {
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        text::code(input, '-', 3, 60).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new partner credential: scopes without repeats; a credential that may write
/// needs a region to write for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPartnerClient {
    pub client_id: ClientId,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub regions: Vec<RegionCode>,
}

/// Raw input for [`NewPartnerClient::parse`].
pub struct PartnerClientInput<'a> {
    pub client_id: &'a str,
    pub name: &'a str,
    pub scopes: &'a [Scope],
    pub regions: &'a [String],
}

impl NewPartnerClient {
    pub fn parse(input: &PartnerClientInput<'_>, v: &mut Validator) -> Option<Self> {
        let client_id = v.field("/client_id", ClientId::parse(input.client_id));
        let name = v.field("/name", text::required(input.name, DISPLAY_NAME_MAX));
        let mut scopes: Vec<Scope> = Vec::new();
        if input.scopes.len() > Scope::ALL.len() {
            v.check(
                false,
                "/scopes",
                InvalidValue::too_many(Scope::ALL.len(), "lists more scopes than there are"),
            );
        }
        for (i, scope) in input.scopes.iter().take(Scope::ALL.len()).enumerate() {
            if scopes.contains(scope) {
                v.check(false, &format!("/scopes/{i}"), InvalidValue::listed_twice());
            } else {
                scopes.push(*scope);
            }
        }
        let regions = region_list("/regions", input.regions, v);
        let writes = scopes.iter().any(|s| {
            matches!(
                s,
                Scope::ActionsWrite | Scope::IndicatorValuesWrite | Scope::IndicatorTargetsWrite
            )
        });
        v.check(
            !writes || !input.regions.is_empty(),
            "/regions",
            InvalidValue::missing("a credential with a write scope needs at least one region"),
        );
        if v.has_errors() {
            return None;
        }
        Some(Self {
            client_id: client_id?,
            name: name?,
            scopes,
            regions: regions?,
        })
    }
}

/// A stored account, as far as assigning work to it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignable {
    pub role: Role,
    pub ministry: Option<Ministry>,
    pub active: bool,
}

/// The tickets of a ministry are assigned to its active officials only;
/// `account` is `None` when no user has the id given.
pub fn check_official_of(ministry: Ministry, account: Option<Assignable>) -> Result<(), InvalidValue> {
    match account {
        None => Err(InvalidValue::unknown_reference("no user has this id")),
        Some(a) if a.role != Role::Official || a.ministry != Some(ministry) => {
            Err(InvalidValue::inconsistent(format!("must be an official of {ministry}")))
        }
        Some(a) if !a.active => Err(InvalidValue::not_allowed("this account is deactivated")),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lowercased_and_sane() {
        assert_eq!(
            Email::parse("  Anne.de-Vries@Zorgpact.NL ").map(|e| e.as_str().to_owned()),
            Ok("anne.de-vries@zorgpact.nl".to_owned())
        );
        assert!(Email::parse("a+tag@sub.example.org").is_ok());
        let long = format!("{}@example.nl", "a".repeat(250));
        for bad in [
            "",
            "anne",
            "anne@",
            "@example.nl",
            "anne@example",
            "anne@@example.nl",
            "an ne@example.nl",
            "anne@exa mple.nl",
            "anne@-example.nl",
            "anne@example..nl",
            ".anne@example.nl",
            "anne@example.nl\u{0}",
            long.as_str(),
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_follow_the_length_policy() {
        assert!(Password::parse("elf tekens!").is_err(), "11 characters");
        assert!(Password::parse("twaalf tekns").is_ok(), "12 characters");
        assert!(Password::parse(&"é".repeat(128)).is_ok(), "counts characters");
        assert!(Password::parse(&"x".repeat(129)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("geheim-geheim-geheim").ok()),
            "Some(Password(***))"
        );
    }

    fn parse(role: &str, ministry: Option<&str>, regions: &[&str]) -> Result<UserFields, Vec<String>> {
        let regions: Vec<String> = regions.iter().map(|r| (*r).to_owned()).collect();
        let mut v = Validator::new();
        let fields = UserFields::parse(
            &UserInput {
                display_name: "Anne",
                role: Role::parse(role).expect("role"),
                ministry: ministry.map(|m| Ministry::parse(m).expect("ministry")),
                regions: &regions,
                active: true,
            },
            &mut v,
        );
        match v.finish() {
            Ok(()) => fields.ok_or_else(Vec::new),
            Err(errors) => Err(errors.0.into_iter().map(|e| e.pointer).collect()),
        }
    }

    #[test]
    fn each_role_has_its_own_scope_rules() {
        assert!(parse("coordinator", None, &["twente"]).is_ok());
        assert_eq!(parse("coordinator", None, &[]), Err(vec!["/regions".to_owned()]));
        assert!(parse("official", Some("VWS"), &[]).is_ok());
        assert_eq!(parse("official", None, &[]), Err(vec!["/ministry".to_owned()]));
        assert_eq!(
            parse("official", Some("VWS"), &["twente"]),
            Err(vec!["/regions".to_owned()])
        );
        assert!(parse("admin", None, &[]).is_ok());
        assert_eq!(parse("analyst", Some("OCW"), &[]), Err(vec!["/ministry".to_owned()]));
        assert_eq!(parse("partner", None, &["twente"]), Err(vec!["/role".to_owned()]));
        assert_eq!(
            parse("coordinator", None, &["twente", "Twente", "twente"]),
            Err(vec!["/regions/1".to_owned(), "/regions/2".to_owned()])
        );
    }

    #[test]
    fn partner_credentials_need_known_scopes_and_a_region_to_write() {
        let parse = |scopes: &[&str], regions: &[&str]| {
            let scopes: Vec<Scope> = scopes.iter().map(|s| Scope::parse(s).expect("scope")).collect();
            let regions: Vec<String> = regions.iter().map(|r| (*r).to_owned()).collect();
            let mut v = Validator::new();
            let client = NewPartnerClient::parse(
                &PartnerClientInput {
                    client_id: "dashboard-twente",
                    name: "Dashboard",
                    scopes: &scopes,
                    regions: &regions,
                },
                &mut v,
            );
            v.finish().map(|()| client.map(|c| c.scopes.len()))
        };
        assert_eq!(parse(&["indicator-values:write"], &["twente"]), Ok(Some(1)));
        assert_eq!(parse(&["actions:read"], &[]), Ok(Some(1)));
        assert!(parse(&["actions:write"], &[]).is_err());
        assert!(parse(&["actions:read", "actions:read"], &[]).is_err());
    }

    #[test]
    fn only_an_active_official_of_the_ministry_is_assigned() {
        let account = |role, ministry, active| Some(Assignable { role, ministry, active });
        let vws = Some(Ministry::Vws);
        assert_eq!(
            check_official_of(Ministry::Vws, account(Role::Official, vws, true)),
            Ok(())
        );
        let refused = |account| {
            check_official_of(Ministry::Vws, account)
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(refused(None), "no user has this id");
        assert_eq!(
            refused(account(Role::Official, Some(Ministry::Ocw), true)),
            "must be an official of VWS"
        );
        assert_eq!(refused(account(Role::Admin, None, true)), "must be an official of VWS");
        assert_eq!(
            refused(account(Role::Official, vws, false)),
            "this account is deactivated"
        );
    }
}
