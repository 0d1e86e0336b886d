//! Who may use the system and in which role.

use crate::code_enum::code_enum;

code_enum! {
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
