//! The one diesel schema for both backends (see `migrations/{sqlite,postgres}`).
// Written by hand to the common subset of types: both migrations must match it.

diesel::table! {
    regions (code) {
        code -> Text,
        name -> Text,
        pact_name -> Text,
        signed_on -> Nullable<Date>,
        ambition -> Text,
        agenda_role -> Nullable<Text>,
        regioplus_code -> Nullable<Text>,
        cbs_code -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partners (id) {
        id -> Text,
        region_code -> Text,
        organisation -> Text,
        sector -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    indicators (code) {
        code -> Text,
        name -> Text,
        description -> Text,
        indicator_group -> Text,
        unit -> Text,
        direction -> Text,
        period_type -> Text,
        rollup -> Text,
        weight_indicator -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// Derived indicators: computed on read from other indicators.
        formula -> Nullable<Text>,
    }
}

diesel::table! {
    actions (id) {
        id -> Text,
        region_code -> Text,
        title -> Text,
        description -> Text,
        action_line -> Text,
        status -> Text,
        progress -> Integer,
        owner -> Text,
        start_date -> Nullable<Date>,
        end_date -> Nullable<Date>,
        archived -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        source_review_id -> Nullable<Text>,
        source_intention -> Nullable<BigInt>,
    }
}

diesel::table! {
    action_themes (action_id, theme) {
        action_id -> Text,
        theme -> Text,
    }
}

diesel::table! {
    action_partners (action_id, partner_id) {
        action_id -> Text,
        partner_id -> Text,
    }
}

diesel::table! {
    action_indicators (action_id, indicator_code) {
        action_id -> Text,
        indicator_code -> Text,
        expected_effect -> Nullable<Text>,
    }
}

diesel::table! {
    action_updates (id) {
        id -> Text,
        action_id -> Text,
        update_date -> Date,
        progress -> Integer,
        status -> Text,
        note -> Text,
        author -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    indicator_values (indicator_code, region_code, period_start, period) {
        indicator_code -> Text,
        region_code -> Text,
        period -> Text,
        period_start -> Date,
        value -> Double,
        status -> Text,
        source -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    indicator_targets (indicator_code, region_code, period_start, period) {
        indicator_code -> Text,
        region_code -> Text,
        period -> Text,
        period_start -> Date,
        value -> Double,
        note -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    barrier_tickets (id) {
        id -> Text,
        region_code -> Text,
        title -> Text,
        description -> Text,
        category -> Text,
        ministry -> Nullable<Text>,
        status -> Text,
        resolution -> Nullable<Text>,
        answer -> Nullable<Text>,
        filed_on -> Date,
        closed_at -> Nullable<Timestamp>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        official_id -> Nullable<Text>,
        location -> Nullable<Text>,
        public -> Bool,
        rejection_reason -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        duplicate_of -> Nullable<Text>,
    }
}

diesel::table! {
    barrier_comments (id) {
        id -> Text,
        ticket_id -> Text,
        author_id -> Text,
        author_name -> Text,
        body -> Text,
        internal -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    barrier_contacts (id) {
        id -> Text,
        ticket_id -> Text,
        kind -> Text,
        contact_on -> Date,
        participants -> Text,
        note -> Nullable<Text>,
        recorded_by_id -> Text,
        recorded_by_name -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    barrier_steps (id) {
        id -> Text,
        ticket_id -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_id -> Text,
        actor_name -> Text,
        note -> Nullable<Text>,
        taken_at -> Timestamp,
    }
}

diesel::table! {
    service_targets (id) {
        id -> Text,
        ministry -> Text,
        first_response_days -> Integer,
        answer_days -> Integer,
        valid_from -> Timestamp,
        set_by -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        ministry -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    user_regions (user_id, region_code) {
        user_id -> Text,
        region_code -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        occurred_at -> Timestamp,
        actor -> Text,
        operation -> Text,
        resource_type -> Text,
        resource_id -> Text,
        before_state -> Nullable<Text>,
        after_state -> Nullable<Text>,
        /// The hash chain (see `audit::chain`): place, the previous entry's hash, this one's.
        seq -> BigInt,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::joinable!(partners -> regions (region_code));
diesel::joinable!(actions -> regions (region_code));
diesel::joinable!(action_themes -> actions (action_id));
diesel::joinable!(action_partners -> actions (action_id));
diesel::joinable!(action_partners -> partners (partner_id));
diesel::joinable!(action_indicators -> actions (action_id));
diesel::joinable!(action_indicators -> indicators (indicator_code));
diesel::joinable!(action_updates -> actions (action_id));
diesel::joinable!(indicator_values -> regions (region_code));
diesel::joinable!(indicator_targets -> regions (region_code));
diesel::joinable!(barrier_tickets -> regions (region_code));
diesel::joinable!(barrier_steps -> barrier_tickets (ticket_id));
diesel::joinable!(barrier_comments -> barrier_tickets (ticket_id));
diesel::joinable!(barrier_contacts -> barrier_tickets (ticket_id));
diesel::joinable!(user_regions -> users (user_id));
diesel::joinable!(user_regions -> regions (region_code));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(partner_client_regions -> partner_clients (partner_client_id));
diesel::joinable!(partner_client_regions -> regions (region_code));
diesel::joinable!(webhook_deliveries -> webhook_events (event_id));
diesel::joinable!(webhook_deliveries -> webhook_subscriptions (subscription_id));

// Which tables may appear in one query: all of them, see `for_each_table!` at the end.

diesel::table! {
    idempotency_keys (scope, idempotency_key) {
        scope -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Integer,
        body -> Text,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        family_id -> Text,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    partner_clients (id) {
        id -> Text,
        client_id -> Text,
        name -> Text,
        secret_hash -> Text,
        scopes -> Text,
        active -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partner_client_regions (partner_client_id, region_code) {
        partner_client_id -> Text,
        region_code -> Text,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        failure_key -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    period_locks (id) {
        id -> Text,
        period -> Text,
        indicator_code -> Nullable<Text>,
        locked_by -> Text,
        locked_at -> Timestamp,
        note -> Text,
    }
}

diesel::table! {
    indicator_value_revisions (id) {
        id -> Text,
        indicator_code -> Text,
        region_code -> Text,
        period -> Text,
        old_value -> Double,
        new_value -> Double,
        old_status -> Text,
        new_status -> Text,
        old_source -> Text,
        new_source -> Text,
        changed_by -> Text,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    webhook_subscriptions (id) {
        id -> Text,
        owner -> Text,
        url -> Text,
        event_types -> Text,
        secret -> Text,
        description -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_events (id) {
        id -> Text,
        event_type -> Text,
        body -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (event_id, subscription_id) {
        event_id -> Text,
        subscription_id -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_attempt_at -> Nullable<Timestamp>,
        last_status_code -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        delivered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

// The register of rules, factsheets and their published versions (migration
// 2026-12-06-000009). The full-text search index is each backend's own (an FTS5
// table on SQLite, expression indexes on PostgreSQL) and is only read through
// `fulltext`, so it has no table here.

diesel::table! {
    regulations (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        ministry -> Nullable<Text>,
        url -> Nullable<Text>,
        description -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    barrier_regulations (ticket_id, regulation_id) {
        ticket_id -> Text,
        regulation_id -> Text,
    }
}

diesel::table! {
    factsheets (id) {
        id -> Text,
        question -> Text,
        answer -> Text,
        ministry -> Text,
        themes -> Text,
        version -> BigInt,
        published_version -> Nullable<BigInt>,
        published_revision -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    factsheet_regulations (factsheet_id, regulation_id) {
        factsheet_id -> Text,
        regulation_id -> Text,
    }
}

diesel::table! {
    factsheet_tickets (factsheet_id, ticket_id) {
        factsheet_id -> Text,
        ticket_id -> Text,
    }
}

diesel::table! {
    factsheet_versions (factsheet_id, number) {
        factsheet_id -> Text,
        number -> BigInt,
        question -> Text,
        answer -> Text,
        ministry -> Text,
        themes -> Text,
        regulation_ids -> Text,
        ticket_ids -> Text,
        published_at -> Timestamp,
        published_by -> Text,
    }
}

diesel::table! {
    progress_reviews (id) {
        id -> Text,
        region_code -> Text,
        review_round -> Text,
        review_date -> Date,
        status -> Text,
        number -> BigInt,
        previous_id -> Nullable<Text>,
        superseded_by -> Nullable<Text>,
        why_question -> Text,
        why_transition -> Text,
        what_themes -> Text,
        what_focus_areas -> Text,
        how_cooperation -> Text,
        how_partners -> Text,
        how_success_factors -> Text,
        how_barriers -> Text,
        process_phase -> Nullable<Text>,
        process_notes -> Text,
        progress_results -> Text,
        shared_at -> Nullable<Timestamp>,
        finalised_at -> Nullable<Timestamp>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    progress_review_tickets (review_id, ticket_id) {
        review_id -> Text,
        ticket_id -> Text,
    }
}

diesel::table! {
    progress_review_intentions (review_id, position) {
        review_id -> Text,
        position -> BigInt,
        body -> Text,
        action_id -> Nullable<Text>,
    }
}

diesel::table! {
    progress_review_scores (review_id, aspect) {
        review_id -> Text,
        aspect -> Text,
        level -> Text,
        motivation -> Text,
    }
}

diesel::joinable!(barrier_regulations -> barrier_tickets (ticket_id));
diesel::joinable!(barrier_regulations -> regulations (regulation_id));
diesel::joinable!(factsheet_regulations -> factsheets (factsheet_id));
diesel::joinable!(factsheet_regulations -> regulations (regulation_id));
diesel::joinable!(factsheet_tickets -> factsheets (factsheet_id));
diesel::joinable!(factsheet_tickets -> barrier_tickets (ticket_id));
diesel::joinable!(factsheet_versions -> factsheets (factsheet_id));

diesel::table! {
    coalitions (id) {
        id -> Text,
        name -> Text,
        aim -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    leading_projects (id) {
        id -> Text,
        name -> Text,
        region_code -> Nullable<Text>,
        province -> Nullable<Text>,
        partners -> Text,
        story -> Text,
        results -> Text,
        contact -> Text,
        support_tracks -> Text,
        funding -> Text,
        status -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    leading_project_domains (project_id, care_domain) {
        project_id -> Text,
        care_domain -> Text,
    }
}

diesel::table! {
    leading_project_themes (project_id, theme) {
        project_id -> Text,
        theme -> Text,
    }
}

diesel::table! {
    leading_project_levels (project_id, education_level) {
        project_id -> Text,
        education_level -> Text,
    }
}

diesel::table! {
    leading_project_coalitions (project_id, coalition_id) {
        project_id -> Text,
        coalition_id -> Text,
    }
}

diesel::joinable!(leading_projects -> regions (region_code));
diesel::joinable!(leading_project_domains -> leading_projects (project_id));
diesel::joinable!(leading_project_themes -> leading_projects (project_id));
diesel::joinable!(leading_project_levels -> leading_projects (project_id));
diesel::joinable!(leading_project_coalitions -> leading_projects (project_id));
diesel::joinable!(leading_project_coalitions -> coalitions (coalition_id));

/// Every table, in foreign-key order (a table after those it refers to; one that
/// refers to itself names its key and parent column): the one list of tables.
/// It hands the list to the macro `$then`, which makes from it the pairs that
/// may be joined (below) and what backup, restore and copy visit
/// (`backup::TABLES`). A table missing here cannot appear in a join, and the
/// copy refuses a database that holds it.
macro_rules! for_each_table {
    ($then:ident) => {
        $then! {
            regions,
            partners,
            indicators (code -> weight_indicator),
            // Before `actions`: an action may name the review it came from.
            progress_reviews (id -> previous_id),
            actions,
            action_themes,
            action_partners,
            action_indicators,
            action_updates,
            indicator_values,
            indicator_targets,
            users,
            user_regions,
            barrier_tickets (id -> duplicate_of),
            barrier_comments,
            barrier_contacts,
            barrier_steps,
            service_targets,
            audit_log,
            idempotency_keys,
            refresh_tokens,
            partner_clients,
            partner_client_regions,
            login_failures,
            period_locks,
            indicator_value_revisions,
            webhook_subscriptions,
            webhook_events,
            webhook_deliveries,
            regulations,
            barrier_regulations,
            factsheets,
            factsheet_regulations,
            factsheet_tickets,
            factsheet_versions,
            progress_review_tickets,
            progress_review_intentions,
            progress_review_scores,
            coalitions,
            leading_projects,
            leading_project_domains,
            leading_project_themes,
            leading_project_levels,
            leading_project_coalitions,
        }
    };
}
pub(crate) use for_each_table;

macro_rules! joinable_tables {
    ($($table:ident $(($key:ident -> $parent:ident))?),+ $(,)?) => {
        diesel::allow_tables_to_appear_in_same_query!($($table),+);
    };
}
for_each_table!(joinable_tables);
